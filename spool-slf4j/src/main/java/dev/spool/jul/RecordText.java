package dev.spool.jul;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.logging.LogRecord;

/**
 * The text of a {@link LogRecord}, rendered as {@link java.util.logging.Formatter#formatMessage} renders
 * it: the message is looked up in the record's resource bundle (kept as is when the key is missing),
 * then, only if the record has parameters and the text holds an opening brace followed by a digit, formatted
 * with {@link MessageFormat}. Anything else, including a pattern MessageFormat rejects, is kept verbatim:
 * the text is never interpreted in any other way.
 */
final class RecordText {

    private RecordText() {
    }

    /** The rendered text, or null when the record has no message. */
    static String of(LogRecord record) {
        String message = record.getMessage();
        if (message == null) {
            return null;
        }
        String pattern = localize(record.getResourceBundle(), message);
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || !hasIndexedPlaceholder(pattern)) {
            return pattern;
        }
        try {
            return MessageFormat.format(pattern, parameters);
        } catch (RuntimeException badPatternOrArgument) {
            return pattern; // JUL prints the raw text in this case too
        }
    }

    private static String localize(ResourceBundle bundle, String key) {
        if (bundle == null) {
            return key;
        }
        try {
            return bundle.getString(key);
        } catch (MissingResourceException | ClassCastException notAString) {
            return key;
        }
    }

    /** Whether {@code text} holds a MessageFormat argument reference such as {@code {0}}. */
    static boolean hasIndexedPlaceholder(String text) {
        for (int at = text.indexOf('{'); at >= 0 && at + 1 < text.length(); at = text.indexOf('{', at + 1)) {
            char next = text.charAt(at + 1);
            if (next >= '0' && next <= '9') {
                return true;
            }
        }
        return false;
    }
}
