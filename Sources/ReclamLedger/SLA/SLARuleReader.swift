import Foundation
import ReclamCore
import ReclamGit

/// Reads the `sla` section of `reclam.yml`. Problems are diagnostics at the value that causes
/// them (rule `sla-invalid`); a rule with an error is left out rather than guessed.
enum SLARuleReader {
    static let rule = Rule.slaInvalid
    static let knownKeys = ["name", "start", "stop", "duration", "warn", "when", "since"]
    /// Fields that `when` may test besides the procedure's own enum fields.
    static let filterableFields = ["kind", "level", "channel", "complainant", "category", "owner", "session"]

    /// - Parameter procedure: when nil (the procedure could not be read), stage names are not checked.
    static func read(_ node: YAMLNode?, procedure: Procedure?, reader: inout NodeReader) -> [SLARule] {
        guard let node, node.scalar != "" else { return [] }
        guard let items = node.items else {
            reader.error(rule, "'sla' must be a list of rules, each with name, start, stop, duration and optional warn", at: node.start)
            return []
        }
        var rules: [SLARule] = []
        for item in items {
            if let parsed = readRule(item, procedure: procedure, reader: &reader) { rules.append(parsed) }
        }
        checkVersions(rules, reader: &reader)
        return rules
    }

    private static func readRule(_ node: YAMLNode, procedure: Procedure?, reader: inout NodeReader) -> SLARule? {
        guard let pairs = node.pairs else {
            reader.error(
                rule, "each SLA rule must be a mapping like {name: answer, start: received, stop: responded, duration: 48 hours}",
                at: node.start)
            return nil
        }
        for pair in pairs where !knownKeys.contains(pair.key) {
            var message = "unknown SLA rule setting '\(pair.key)'"
            if let s = Suggestion.closest(to: pair.key, in: knownKeys) { message += "; did you mean '\(s)'?" }
            reader.warning(.configUnknownKey, message, at: pair.keyStart)
        }
        var valid = true
        func fail(_ message: String, _ location: SourceLocation?) {
            valid = false
            reader.error(rule, message, at: location ?? node.start)
        }
        let stageIDs = procedure?.stages.map(\.id)
        func checkStage(_ id: String, _ key: String, _ location: SourceLocation) {
            guard let stageIDs, !stageIDs.contains(id) else { return }
            var message = "\(key) '\(id)' is not a stage of the procedure"
            if let s = Suggestion.closest(to: id, in: stageIDs) { message += "; did you mean '\(s)'?" }
            fail(message, location)
        }

        let name = node["name"]?.scalar?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty || name.contains("\n") {
            fail("SLA rule without a name; add name: …, e.g. name: answer (a word used by 'reclam sla --rule')", node["name"]?.start)
        }

        var start = SLARule.Start.received
        if let value = node["start"] {
            if let text = value.scalar, !text.isEmpty {
                // `received` is the case's own field, whatever the stages are called.
                if text != "received" { checkStage(text, "start", value.start) }
                start = text == "received" ? .received : .stage(text)
            } else {
                fail("start must be 'received' or a stage id", value.start)
            }
        }

        var stop: [String] = []
        if let value = node["stop"] {
            let texts = value.scalar.map { [$0] } ?? value.items?.compactMap(\.scalar) ?? []
            if texts.isEmpty || texts.contains("") || value.items.map({ $0.count != texts.count }) == true {
                fail("stop must be a stage id or a list of stage ids, e.g. stop: responded", value.start)
            } else {
                for (index, text) in texts.enumerated() {
                    checkStage(text, "stop", value.items?[index].start ?? value.start)
                }
                stop = texts
                if case .stage(let id) = start, texts.contains(id) {
                    fail("stop '\(id)' is also the start: the clock would stop as soon as it starts", value.start)
                }
            }
        } else {
            fail("SLA rule '\(name)' has no stop; add the stage that meets it, e.g. stop: responded", nil)
        }

        /// The setting's value read by `parse`; nil, after saying what to write, when it cannot be.
        func parsed<Value>(_ key: String, _ parse: (String) throws -> Value, isNot advice: String) -> Value? {
            guard let value = node[key] else { return nil }
            if let text = value.scalar, let parsed = try? parse(text) { return parsed }
            fail("\(key) '\(value.scalar ?? value.kindName)' is not \(advice)", value.start)
            return nil
        }

        let duration = parsed(
            "duration", SLADuration.parse,
            isNot: "a duration; write a whole number and a unit, e.g. 48 hours, "
                + "8 business hours, 1 working day, 10 jours ouvrés, 2 jours ouvrables, 30 days")
        if node["duration"] == nil {
            fail("SLA rule '\(name)' has no duration; add e.g. duration: 48 hours or duration: 10 jours ouvrés", nil)
        }

        let warn = parsed(
            "warn", WarningThreshold.parse,
            isNot: "a threshold; write a share of the time such as 75%, "
                + "or a duration before the deadline such as 1 working day before or 2 jours ouvrés avant")
        if case .before(let before)? = warn, let duration, before.unit == duration.unit, before.amount >= duration.amount,
            let value = node["warn"]
        {
            reader.warning(
                .slaWarnTooLong,
                "warn '\(value.scalar ?? "")' is not shorter than the duration (\(duration)): the clock is at risk as soon as it starts",
                at: value.start)
        }

        var when: [String: [String]] = [:]
        if let value = node["when"] {
            if let filters = value.pairs {
                for pair in filters {
                    let values = pair.value.scalar.map { [$0] } ?? pair.value.items?.compactMap(\.scalar) ?? []
                    guard !values.isEmpty else {
                        fail("when.\(pair.key) must be a value or a list of values", pair.value.start)
                        continue
                    }
                    guard let allowed = allowedValues(pair.key, procedure: procedure) else {
                        let names = filterableFields + (procedure?.declaredFields.keys.sorted() ?? [])
                        var message = "when: '\(pair.key)' is not a field of a case"
                        if let s = Suggestion.closest(to: pair.key, in: names) { message += "; did you mean '\(s)'?" }
                        fail(message, pair.keyStart)
                        continue
                    }
                    for (index, text) in values.enumerated() where !allowed.isEmpty && !allowed.contains(text) {
                        var message = "when.\(pair.key): '\(text)' is not one of \(allowed.joined(separator: ", "))"
                        if let s = Suggestion.closest(to: text, in: allowed) { message += "; did you mean '\(s)'?" }
                        fail(message, pair.value.items?[index].start ?? pair.value.start)
                    }
                    when[pair.key] = values
                }
            } else {
                fail("when must be a mapping of case fields to values, e.g. when: {kind: complaint}", value.start)
            }
        }

        var since: CivilDate?
        if let value = node["since"] {
            if let text = value.scalar, let date = CivilDate.parse(text) {
                since = date
            } else {
                fail(
                    "since '\(value.scalar ?? value.kindName)' is not a date; write the first day the rule applies to, as YYYY-MM-DD",
                    value.start)
            }
        }

        guard valid, let duration else { return nil }
        return SLARule(
            name: name, start: start, stop: stop, duration: duration, warn: warn, when: when, since: since, location: node.start)
    }

    /// The values a `when` filter may test for `field`: the enum's values, or [] for free text;
    /// nil when the field is not something a case has.
    private static func allowedValues(_ field: String, procedure: Procedure?) -> [String]? {
        if let requirement = procedure?.declaredFields[field] {
            return requirement.type == .enum ? requirement.values : []
        }
        guard filterableFields.contains(field), let known = FieldCatalogue.caseField(field) else { return nil }
        return known.type == .enum ? known.values : []
    }

    /// Versions of one rule are told apart by `since`, so two with the same day (or two without
    /// one) would make the choice ambiguous.
    private static func checkVersions(_ rules: [SLARule], reader: inout NodeReader) {
        var seen: [String: SourceLocation?] = [:]
        for rule in rules {
            let key = rule.name + "\u{0}" + (rule.since?.description ?? "")
            if let first = seen[key] {
                let line = first.map { " (line \($0.line))" } ?? ""
                let what = rule.since.map { "since \($0)" } ?? "without 'since'"
                reader.error(
                    Self.rule,
                    "SLA rule '\(rule.name)' is defined twice \(what)\(line); give the new version the day it takes effect with since: YYYY-MM-DD",
                    at: rule.location)
            } else {
                seen[key] = rule.location
            }
        }
    }
}
