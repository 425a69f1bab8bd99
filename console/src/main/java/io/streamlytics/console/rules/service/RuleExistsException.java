package io.streamlytics.console.rules.service;

/** A new rule whose id an enabled rule of the project already has. */
public class RuleExistsException extends RuntimeException {
    public RuleExistsException(String ruleId) {
        super("rule " + ruleId + " exists; PUT /rules/" + ruleId + " saves a new version of it");
    }
}
