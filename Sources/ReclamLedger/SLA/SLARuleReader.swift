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
            reader.error(rule, Messages(reader.language)[.slaNotList], at: node.start)
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
        let m = Messages(reader.language)
        guard let pairs = node.pairs else {
            reader.error(rule, m[.slaRuleNotMapping], at: node.start)
            return nil
        }
        for pair in pairs where !knownKeys.contains(pair.key) {
            var message = m.format(.slaUnknownSetting, pair.key)
            if let s = Suggestion.closest(to: pair.key, in: knownKeys) { message += m.format(.checkDidYouMean, s) }
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
            var message = m.format(.slaNotStage, key, id)
            if let s = Suggestion.closest(to: id, in: stageIDs) { message += m.format(.checkDidYouMean, s) }
            fail(message, location)
        }

        let name = node["name"]?.scalar?.trimmingCharacters(in: .whitespaces) ?? ""
        if name.isEmpty || name.contains("\n") {
            fail(m[.slaNoName], node["name"]?.start)
        }

        var start = SLARule.Start.received
        if let value = node["start"] {
            if let text = value.scalar, !text.isEmpty {
                // `received` is the case's own field, whatever the stages are called.
                if text != "received" { checkStage(text, "start", value.start) }
                start = text == "received" ? .received : .stage(text)
            } else {
                fail(m[.slaBadStart], value.start)
            }
        }

        var stop: [String] = []
        if let value = node["stop"] {
            let texts = value.scalar.map { [$0] } ?? value.items?.compactMap(\.scalar) ?? []
            if texts.isEmpty || texts.contains("") || value.items.map({ $0.count != texts.count }) == true {
                fail(m[.slaBadStop], value.start)
            } else {
                for (index, text) in texts.enumerated() {
                    checkStage(text, "stop", value.items?[index].start ?? value.start)
                }
                stop = texts
                if case .stage(let id) = start, texts.contains(id) {
                    fail(m.format(.slaStopIsStart, id), value.start)
                }
            }
        } else {
            fail(m.format(.slaNoStop, name), nil)
        }

        /// The setting's value read by `parse`; nil, after saying what to write, when it cannot be.
        func parsed<Value>(_ key: String, _ parse: (String) throws -> Value, isNot advice: Messages.Key) -> Value? {
            guard let value = node[key] else { return nil }
            if let text = value.scalar, let parsed = try? parse(text) { return parsed }
            fail(m.format(advice, key, m.quoted(value)), value.start)
            return nil
        }

        let duration = parsed("duration", SLADuration.parse, isNot: .slaNotDuration)
        if node["duration"] == nil {
            fail(m.format(.slaNoDuration, name), nil)
        }

        let warn = parsed("warn", WarningThreshold.parse, isNot: .slaNotThreshold)
        if case .before(let before)? = warn, let duration, before.unit == duration.unit, before.amount >= duration.amount,
            let value = node["warn"]
        {
            reader.warning(.slaWarnTooLong, m.format(.slaWarnTooLong, value.scalar ?? "", m.duration(duration)), at: value.start)
        }

        var when: [String: [String]] = [:]
        if let value = node["when"] {
            if let filters = value.pairs {
                for pair in filters {
                    let values = pair.value.scalar.map { [$0] } ?? pair.value.items?.compactMap(\.scalar) ?? []
                    guard !values.isEmpty else {
                        fail(m.format(.slaWhenNotValues, pair.key), pair.value.start)
                        continue
                    }
                    guard let allowed = allowedValues(pair.key, procedure: procedure) else {
                        let names = filterableFields + (procedure?.declaredFields.keys.sorted() ?? [])
                        var message = m.format(.slaWhenNotField, pair.key)
                        if let s = Suggestion.closest(to: pair.key, in: names) { message += m.format(.checkDidYouMean, s) }
                        fail(message, pair.keyStart)
                        continue
                    }
                    for (index, text) in values.enumerated() where !allowed.isEmpty && !allowed.contains(text) {
                        var message = m.format(.slaWhenNotOneOf, pair.key, text, allowed.joined(separator: ", "))
                        if let s = Suggestion.closest(to: text, in: allowed) { message += m.format(.checkDidYouMean, s) }
                        fail(message, pair.value.items?[index].start ?? pair.value.start)
                    }
                    when[pair.key] = values
                }
            } else {
                fail(m[.slaWhenNotMapping], value.start)
            }
        }

        var since: CivilDate?
        if let value = node["since"] {
            if let text = value.scalar, let date = CivilDate.parse(text) {
                since = date
            } else {
                fail(m.format(.slaSinceNotDate, m.quoted(value)), value.start)
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
        let m = Messages(reader.language)
        var seen: [String: SourceLocation?] = [:]
        for rule in rules {
            let key = rule.name + "\u{0}" + (rule.since?.description ?? "")
            if let first = seen[key] {
                let line = first.map { m.format(.slaFirstLine, String($0.line)) } ?? ""
                let message =
                    rule.since.map { m.format(.slaTwiceSince, rule.name, $0.description, line) }
                    ?? m.format(.slaTwiceWithoutSince, rule.name, line)
                reader.error(Self.rule, message, at: rule.location)
            } else {
                seen[key] = rule.location
            }
        }
    }
}
