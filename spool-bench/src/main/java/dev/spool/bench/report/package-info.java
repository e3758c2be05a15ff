/**
 * Results and how they are shown: the result records, the machine they ran on, CSV files, a Markdown
 * report with the targets computed from the numbers, and SVG charts drawn without any plotting library.
 */
package dev.spool.bench.report;
