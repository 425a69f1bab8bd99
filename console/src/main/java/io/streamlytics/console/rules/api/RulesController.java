package io.streamlytics.console.rules.api;

import io.streamlytics.ceprules.read.InvalidRuleException;
import io.streamlytics.ceprules.read.RuleProblem;
import io.streamlytics.ceprules.rule.Rule;
import io.streamlytics.console.rules.domain.LiveFunnel;
import io.streamlytics.console.rules.service.RuleExistsException;
import io.streamlytics.console.rules.service.RuleService;
import io.streamlytics.core.postgres.RuleDefinitions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Real-time rules over REST. A rule is its YAML (docs/rules.md), sent as the request body ({@code
 * application/yaml}, {@code text/yaml} or {@code text/plain}); every save is a new version, and a
 * rule that does not read is refused with each problem's line and column.
 */
@RestController
@RequestMapping("/api/v1/projects/{project}/rules")
class RulesController {
    private final RuleService rules;

    RulesController(RuleService rules) {
        this.rules = rules;
    }

    @GetMapping
    List<Map<String, Object>> all(@PathVariable long project) {
        return rules.all(project).stream().map(RulesController::describe).toList();
    }

    @PostMapping(consumes = {"application/yaml", "text/yaml", "text/plain"})
    ResponseEntity<Map<String, Object>> create(
            @PathVariable long project, @RequestBody String yaml) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(describe(rules.create(project, yaml)));
    }

    /** Checks a rule without saving it. */
    @PostMapping(
            path = "/validate",
            consumes = {"application/yaml", "text/yaml", "text/plain"})
    Map<String, Object> validate(@PathVariable long project, @RequestBody String yaml) {
        Rule rule = rules.check(yaml);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("valid", true);
        answer.put("id", rule.id());
        answer.put("type", rule.type().name().toLowerCase());
        answer.put("steps", rule.sequence() ? rule.steps().size() : 0);
        return answer;
    }

    @GetMapping("/{ruleId}")
    ResponseEntity<Map<String, Object>> get(
            @PathVariable long project, @PathVariable String ruleId) {
        return rules.history(project, ruleId)
                .map(
                        versions -> {
                            Map<String, Object> answer = describe(versions.get(0));
                            answer.put(
                                    "versions",
                                    versions.stream()
                                            .map(
                                                    v ->
                                                            Map.of(
                                                                    "version", v.version(),
                                                                    "enabled", v.enabled()))
                                            .toList());
                            return ResponseEntity.ok(answer);
                        })
                .orElseGet(() -> notFound(ruleId));
    }

    /**
     * A funnel's live counts: per step, how many times people (or the rule's key) reached it today
     * (UTC) and since the rule's newest version started running.
     */
    @GetMapping("/{ruleId}/live")
    ResponseEntity<Map<String, Object>> live(
            @PathVariable long project, @PathVariable String ruleId) {
        return rules.liveFunnel(project, ruleId)
                .map(
                        funnel -> {
                            Map<String, Object> answer = new LinkedHashMap<>();
                            answer.put("id", funnel.ruleId());
                            answer.put("version", funnel.version());
                            answer.put(
                                    "steps",
                                    funnel.steps().stream().map(RulesController::step).toList());
                            return ResponseEntity.ok(answer);
                        })
                .orElseGet(() -> notFound(ruleId));
    }

    @PutMapping(
            path = "/{ruleId}",
            consumes = {"application/yaml", "text/yaml", "text/plain"})
    Map<String, Object> update(
            @PathVariable long project, @PathVariable String ruleId, @RequestBody String yaml) {
        return describe(rules.update(project, ruleId, yaml));
    }

    /** Disables the rule: the Rules job stops running it; its versions stay. */
    @DeleteMapping("/{ruleId}")
    ResponseEntity<?> disable(@PathVariable long project, @PathVariable String ruleId) {
        return rules.disable(project, ruleId)
                ? ResponseEntity.noContent().build()
                : notFound(ruleId);
    }

    private static Map<String, Object> step(LiveFunnel.Step s) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", s.step());
        step.put("name", s.name());
        step.put("today", s.today());
        step.put("total", s.total());
        return step;
    }

    private static Map<String, Object> describe(RuleDefinitions.Stored rule) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", rule.ruleId());
        answer.put("version", rule.version());
        answer.put("enabled", rule.enabled());
        answer.put("definition", rule.definition());
        return answer;
    }

    private static ResponseEntity<Map<String, Object>> notFound(String ruleId) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND)
                .body(Map.of("error", "no rule " + ruleId + " in this project"));
    }

    @ExceptionHandler(InvalidRuleException.class)
    ResponseEntity<Map<String, Object>> invalid(InvalidRuleException e) {
        List<Map<String, Object>> problems =
                e.problems().stream().map(RulesController::problem).toList();
        return ResponseEntity.badRequest()
                .body(Map.of("error", "the rule is not valid", "problems", problems));
    }

    @ExceptionHandler(RuleExistsException.class)
    ResponseEntity<Map<String, Object>> exists(RuleExistsException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT).body(Map.of("error", e.getMessage()));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, Object>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }

    private static Map<String, Object> problem(RuleProblem p) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("line", p.line());
        problem.put("column", p.column());
        problem.put("path", p.path());
        problem.put("message", p.message());
        return problem;
    }
}
