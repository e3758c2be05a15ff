package dev.spool.alert;

/** A rule at run time: its configuration, windows, counters and action. */
final class ActiveRule {

    final AlertRule rule;
    final RuleCounters counters = new RuleCounters();
    final RuleWindow window;

    ActiveRule(AlertRule rule) {
        this.rule = rule;
        this.window = new RuleWindow(rule, counters);
    }
}
