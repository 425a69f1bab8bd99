package io.streamlytics.console.sql.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An analyst's ClickHouse SELECT made safe to run for one project: the project's tables are named
 * plainly ({@code events}, {@code sessions}, …) and each becomes a subquery of that project's rows
 * only; anything that could reach other data is refused with a sentence. Checked on the query's
 * tokens (comments dropped, quotes respected), failing closed: what it cannot place, it refuses.
 *
 * <p>It is one of three walls: the query also runs as a read-only ClickHouse user (no writes, no
 * settings, no table functions) whose session database is empty, so a table name that slips past
 * here finds nothing.
 */
public final class ProjectSql {
    /** The tables a query may read, each holding a {@code project_id} column. */
    public static final List<String> TABLES =
            List.of(
                    "events",
                    "sessions",
                    "persons",
                    "person_aliases",
                    "daily_metrics",
                    "metrics_1m",
                    "segment_members",
                    "segment_versions");

    private static final Set<String> REFUSED_WORDS =
            Set.of("settings", "format", "into", "outfile", "system");
    private static final Set<String> REFUSED_FUNCTIONS =
            Set.of(
                    "joinget",
                    "joingetornull",
                    "getsetting",
                    "hascolumnintable",
                    "currentdatabase",
                    "hostname");
    private static final Set<String> CLAUSES =
            Set.of(
                    "where",
                    "prewhere",
                    "group",
                    "order",
                    "limit",
                    "having",
                    "join",
                    "inner",
                    "left",
                    "right",
                    "full",
                    "cross",
                    "any",
                    "all",
                    "array",
                    "global",
                    "on",
                    "using",
                    "union",
                    "final",
                    "sample",
                    "with",
                    "asof",
                    "semi",
                    "anti",
                    "outer",
                    "local",
                    "paste",
                    "window",
                    "qualify",
                    "except",
                    "intersect");

    private ProjectSql() {}

    /**
     * The query with the project's tables put in, or an {@link IllegalArgumentException} that says
     * what to change.
     *
     * @param databases every database on the server (none may be named in the query)
     * @param database the one that holds the platform's tables
     */
    public static String rewrite(
            String sql, long projectId, String database, Set<String> databases) {
        List<Token> tokens = SqlTokens.of(sql);
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).is(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("Write a SELECT query.");
        }
        String first = tokens.get(0).lower();
        if (!first.equals("select") && !first.equals("with")) {
            throw new IllegalArgumentException(
                    "Only SELECT queries run here (the query begins with "
                            + tokens.get(0).text()
                            + ").");
        }
        StringBuilder out = new StringBuilder();
        boolean tablePosition = false;
        boolean inFromList = false;
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (token.is(";")) {
                throw new IllegalArgumentException("Run one query at a time (remove the ;).");
            }
            if (token.kind() == Token.Kind.WORD && REFUSED_WORDS.contains(token.lower())) {
                throw new IllegalArgumentException(
                        token.text().toUpperCase(Locale.ROOT)
                                + " is not allowed here: the console sets the format, the limits"
                                + " and where results go.");
            }
            if (token.identifier()
                    && next != null
                    && next.is("(")
                    && (REFUSED_FUNCTIONS.contains(token.lower())
                            || token.lower().startsWith("dictget")
                            || token.lower().startsWith("dicthas"))) {
                throw new IllegalArgumentException(
                        token.text()
                                + "() reads outside this project's tables: it is not allowed.");
            }
            if (token.identifier()
                    && next != null
                    && next.is(".")
                    && (previous == null || !previous.is("."))
                    && (databases.contains(token.text()) || databases.contains(token.lower()))) {
                throw new IllegalArgumentException(
                        "Name the project's tables without a database ("
                                + String.join(", ", TABLES)
                                + "): "
                                + token.text()
                                + "."
                                + (i + 2 < tokens.size() ? tokens.get(i + 2).text() : "")
                                + " is outside them.");
            }
            if (tablePosition) {
                tablePosition = false;
                if (token.is("(")) {
                    out.append(token.text()).append(' ');
                    inFromList = false;
                    continue;
                }
                if (!token.identifier()) {
                    throw new IllegalArgumentException(
                            "Expected a table after "
                                    + (previous == null ? "" : previous.text())
                                    + ", found "
                                    + token.text()
                                    + ".");
                }
                String table = token.lower();
                if (next != null && next.is("(")) {
                    throw new IllegalArgumentException(
                            "Table functions such as "
                                    + token.text()
                                    + "() are not allowed: read "
                                    + String.join(", ", TABLES)
                                    + ".");
                }
                if (!TABLES.contains(table) || (next != null && next.is("."))) {
                    throw new IllegalArgumentException(
                            "There is no table "
                                    + token.text()
                                    + " here: read "
                                    + String.join(", ", TABLES)
                                    + " (this project's rows).");
                }
                out.append("(SELECT * FROM ")
                        .append(database)
                        .append('.')
                        .append(table)
                        .append(" WHERE project_id = ")
                        .append(projectId)
                        .append(')');
                boolean aliased =
                        next != null
                                && (next.lower().equals("as")
                                        || (next.identifier() && !CLAUSES.contains(next.lower())));
                if (!aliased) {
                    out.append(" AS ").append(table);
                }
                out.append(' ');
                continue;
            }
            if (token.kind() == Token.Kind.WORD) {
                switch (token.lower()) {
                    case "from" -> {
                        tablePosition = true;
                        inFromList = true;
                    }
                    case "join" ->
                            tablePosition = previous == null || !previous.lower().equals("array");
                    case "in" -> {
                        if (next != null && !next.is("(")) {
                            throw new IllegalArgumentException(
                                    "After IN, write a list such as (1, 2) or a subquery such as"
                                            + " (SELECT distinct_id FROM events).");
                        }
                    }
                    case "array" -> inFromList = false;
                    case "where",
                            "prewhere",
                            "group",
                            "order",
                            "limit",
                            "having",
                            "union",
                            "on",
                            "using",
                            "select" ->
                            inFromList = false;
                    default -> {
                        // not a clause keyword
                    }
                }
            } else if (token.is(",") && inFromList) {
                tablePosition = true;
            } else if (token.is("(") || token.is(")")) {
                inFromList = false;
            }
            out.append(token.text()).append(' ');
        }
        if (tablePosition) {
            throw new IllegalArgumentException("The query ends where a table should be.");
        }
        return out.toString().strip();
    }

    /** A token of SQL text. */
    record Token(Kind kind, String text) {
        enum Kind {
            WORD,
            QUOTED_NAME,
            STRING,
            NUMBER,
            SYMBOL
        }

        boolean is(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }

        boolean identifier() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
        }

        /** The name in lower case, without its quotes. */
        String lower() {
            String name = kind == Kind.QUOTED_NAME ? text.substring(1, text.length() - 1) : text;
            return name.toLowerCase(Locale.ROOT);
        }
    }

    /** Splits SQL into tokens, dropping whitespace and comments. */
    static final class SqlTokens {
        private SqlTokens() {}

        static List<Token> of(String sql) {
            List<Token> tokens = new ArrayList<>();
            int i = 0;
            int n = sql.length();
            while (i < n) {
                char c = sql.charAt(i);
                if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                    while (i < n && sql.charAt(i) != '\n') {
                        i++;
                    }
                } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                    int end = sql.indexOf("*/", i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("A comment (/* …) is not closed.");
                    }
                    i = end + 2;
                } else if (c == '\'' || c == '`' || c == '"') {
                    int end = quoted(sql, i, c);
                    tokens.add(
                            new Token(
                                    c == '\'' ? Token.Kind.STRING : Token.Kind.QUOTED_NAME,
                                    sql.substring(i, end)));
                    i = end;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < n
                            && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
                        i++;
                    }
                    tokens.add(new Token(Token.Kind.WORD, sql.substring(start, i)));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < n
                            && (Character.isLetterOrDigit(sql.charAt(i))
                                    || sql.charAt(i) == '.'
                                    || ((sql.charAt(i) == '+' || sql.charAt(i) == '-')
                                            && (sql.charAt(i - 1) == 'e'
                                                    || sql.charAt(i - 1) == 'E')))) {
                        i++;
                    }
                    tokens.add(new Token(Token.Kind.NUMBER, sql.substring(start, i)));
                } else {
                    String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                    if (List.of("<=", ">=", "!=", "<>", "||", "->", "==", "::").contains(two)) {
                        tokens.add(new Token(Token.Kind.SYMBOL, two));
                        i += 2;
                    } else {
                        tokens.add(new Token(Token.Kind.SYMBOL, String.valueOf(c)));
                        i++;
                    }
                }
            }
            return tokens;
        }

        /** The index after the closing quote; a doubled or backslashed quote stays inside. */
        private static int quoted(String sql, int start, char quote) {
            int i = start + 1;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                if (c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                        i += 2;
                    } else {
                        return i + 1;
                    }
                } else {
                    i++;
                }
            }
            throw new IllegalArgumentException("A quote (" + quote + ") is not closed.");
        }
    }
}
