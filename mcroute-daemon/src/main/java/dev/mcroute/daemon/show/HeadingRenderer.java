package dev.mcroute.daemon.show;

/**
 * Draws the titles ({@code _}) and headings ({@code =}) of a show text on the client side, as
 * the C smcroutectl does: ANSI underline/reverse by default, 79-wide rules of {@code _} and
 * {@code =} with {@code -p}, nothing with {@code -t}.
 */
public final class HeadingRenderer {
    /** Width of headings and rules, as the C client uses without a terminal size. */
    public static final int WIDTH = 79;

    /** How headings are drawn. */
    public enum Style {
        /** ANSI underline and reverse video. */
        ANSI,
        /** Rules of underscores and equal signs. */
        PLAIN,
        /** Headings dropped. */
        NONE
    }

    private HeadingRenderer() {
    }

    /**
     * @param text  the daemon's reply text, without the final NUL
     * @param style how to draw headings
     * @return what to print; empty for an empty reply
     */
    public static String render(String text, Style style) {
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            boolean title = line.endsWith("_");
            boolean heading = line.endsWith("=");
            if (!title && !heading) {
                out.append(line).append('\n');
                continue;
            }
            String bare = line.substring(0, line.length() - 1);
            switch (style) {
                case NONE -> { }
                case PLAIN -> {
                    String rule = (title ? "_" : "=").repeat(WIDTH);
                    out.append(rule).append('\n').append(bare).append('\n');
                    if (heading) {
                        out.append(rule).append('\n');
                    }
                }
                case ANSI -> {
                    if (title) {
                        out.append("\033[4m").append(" ".repeat(WIDTH)).append("\033[0m\n").append(bare).append('\n');
                    } else {
                        String padded = bare.length() >= WIDTH ? bare : bare + " ".repeat(WIDTH - bare.length());
                        out.append("\033[7m").append(padded).append("\033[0m\n");
                    }
                }
                default -> throw new AssertionError(style);
            }
        }
        return out.toString();
    }
}
