package dev.spool.bench.report;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SvgChartTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void drawsOneLinePerSeriesAndAPointPerValue() throws Exception {
        SvgChart.Panel panel = new SvgChart.Panel("t", "x", "y", List.of("1", "2", "4"), List.of(
                new SvgChart.Series("a", 0, new double[] {1, 2, 3}),
                new SvgChart.Series("b", 1, new double[] {3, 2, 1})), false);

        Document svg = parse(SvgChart.render("chart", List.of(panel), 1));

        assertThat(svg.getElementsByTagName("path").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(6);
    }

    @Test
    void breaksALineWhereAValueIsMissing() throws Exception {
        SvgChart.Panel panel = new SvgChart.Panel("t", "x", "y", List.of("1", "2", "4"), List.of(
                new SvgChart.Series("a", 0, new double[] {1, Double.NaN, 3})), false);

        String svg = SvgChart.render("chart", List.of(panel), 1);

        assertThat(parse(svg).getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(svg).doesNotContain(" L");
    }

    @Test
    void escapesTextSoNamesCannotBreakTheDocument() throws Exception {
        SvgChart.Panel panel = new SvgChart.Panel("<p&q>", "x", "y", List.of("1"), List.of(
                new SvgChart.Series("Log4j <async> & co", 0, new double[] {1})), true);

        Document svg = parse(SvgChart.render("a & b", List.of(panel), 1));

        assertThat(svg.getDocumentElement().getTextContent()).contains("Log4j <async> & co", "<p&q>");
    }

    @Test
    void logAxisSpansWholeDecadesAroundTheData() {
        Axis axis = Axis.fit(List.of(new SvgChart.Series("a", 0, new double[] {45, 3_100})), true);

        assertThat(axis.ticks()).containsExactly(10.0, 100.0, 1_000.0, 10_000.0);
        assertThat(axis.fraction(10)).isEqualTo(0.0);
        assertThat(axis.fraction(10_000)).isEqualTo(1.0);
    }

    @Test
    void linearAxisStartsAtZeroWithRoundSteps() {
        Axis axis = Axis.fit(List.of(new SvgChart.Series("a", 0, new double[] {1_234_567})), false);

        assertThat(axis.ticks()).startsWith(0.0, 500_000.0).endsWith(1_500_000.0);
        assertThat(Axis.format(1_500_000)).isEqualTo("1.5M");
        assertThat(Axis.format(250_000)).isEqualTo("250k");
    }
}
