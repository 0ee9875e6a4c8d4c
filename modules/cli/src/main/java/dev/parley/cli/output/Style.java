package dev.parley.cli.output;

/** ANSI styling for human output, or plain text when colors are off. */
public final class Style {
    private final boolean on;

    public Style(boolean on) {
        this.on = on;
    }

    public String bold(String text) {
        return wrap("1", text);
    }

    public String dim(String text) {
        return wrap("2", text);
    }

    public String red(String text) {
        return wrap("31", text);
    }

    public String green(String text) {
        return wrap("32", text);
    }

    public String yellow(String text) {
        return wrap("33", text);
    }

    public String cyan(String text) {
        return wrap("36", text);
    }

    /** True when styling adds escape codes. */
    public boolean on() {
        return on;
    }

    private String wrap(String code, String text) {
        return on && !text.isEmpty() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    /** The length a person sees: without escape codes. */
    public static int visibleLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u001b') {
                while (i < text.length() && text.charAt(i) != 'm') {
                    i++;
                }
            } else if (!Character.isLowSurrogate(c)) {
                length++;
            }
        }
        return length;
    }
}
