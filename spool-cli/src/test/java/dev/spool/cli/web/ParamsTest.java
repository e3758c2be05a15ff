package dev.spool.cli.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Percent-decoding of query parameters: exact, or a 400 naming the parameter (cases found by ApiFuzzTest). */
class ParamsTest {

    @Test
    void decodesEscapesPlusAndCharactersOutsideTheBasicPlane() {
        assertThat(Params.decode("a+b%20c%C3%A9%F0%9F%98%80\uD83D\uDE00", "parameter 'q'")).isEqualTo("a b cé\uD83D\uDE00\uD83D\uDE00");
    }

    @Test
    void refusesAnEscapeWithDigitsOfAnotherScript() {
        // Character.digit takes fullwidth and other scripts' digits: %１１ was decoded as the byte 0x11
        assertThatThrownBy(() -> Params.decode("%\uFF11\uFF11", "parameter 'q'")).isInstanceOf(HttpError.class)
                .hasMessageContaining("parameter 'q'").hasMessageContaining("bad percent escape");
    }

    @Test
    void refusesALoneSurrogateInsteadOfMakingItAQuestionMark() {
        assertThatThrownBy(() -> Params.decode("a\uD800+", "parameter 'q'")).isInstanceOf(HttpError.class)
                .hasMessageContaining("parameter 'q'").hasMessageContaining("not UTF-8");
    }
}
