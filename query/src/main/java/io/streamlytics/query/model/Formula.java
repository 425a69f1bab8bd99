package io.streamlytics.query.model;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.objecthunter.exp4j.Expression;
import net.objecthunter.exp4j.ExpressionBuilder;

/**
 * Arithmetic between series by letter ({@code A} is the first series): {@code + - * / ^ ( )},
 * numbers and exp4j's math functions; nothing that can reach outside the numbers.
 */
public final class Formula {
    private final Expression expression;
    private final Set<String> letters;

    private Formula(Expression expression, Set<String> letters) {
        this.expression = expression;
        this.letters = letters;
    }

    public static Formula compile(String text, int series) {
        Set<String> letters = new HashSet<>();
        for (int i = 0; i < series; i++) {
            letters.add(String.valueOf((char) ('A' + i)));
        }
        Expression expression = new ExpressionBuilder(text).variables(letters).build();
        // build() accepts "A +" and fails only when evaluated; validate() finds it now
        var validation = expression.validate(false);
        if (!validation.isValid()) {
            throw new IllegalArgumentException(String.join(", ", validation.getErrors()));
        }
        return new Formula(expression, letters);
    }

    /** Why {@code text} is not a formula over {@code series} series, if it is not. */
    static Optional<String> check(String text, int series) {
        try {
            compile(text, series);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(
                    "formula: "
                            + e.getMessage()
                            + " (use the letters A to "
                            + (char) ('A' + series - 1)
                            + " for the series, numbers and + - * / ( ))");
        }
    }

    /** The formula's value; NaN where it divides by zero. */
    public double evaluate(Map<String, Double> values) {
        Expression e = new Expression(expression);
        letters.forEach(l -> e.setVariable(l, values.getOrDefault(l, 0.0)));
        try {
            return e.evaluate();
        } catch (ArithmeticException divisionByZero) {
            return Double.NaN;
        }
    }
}
