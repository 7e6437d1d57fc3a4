import Foundation

/// Reads the `calendar` section of `reclam.yml` into a `BusinessCalendar`.
///
/// Each bad value is reported where it was written (rule `calendar-invalid`) and replaced by
/// its default, so that one typo does not hide the next one and commands that only need the
/// procedure keep working; commands that compute deadlines refuse a calendar with errors.
package enum CalendarSettingsReader {
    static let rule = Rule.calendarInvalid
    static let knownKeys = ["region", "working_days", "business_hours", "closures"]

    package static func read(_ node: YAMLNode?, timeZone: TimeZone, reader: inout NodeReader) -> BusinessCalendar {
        var region = Region.metropole
        var workingDays = Weekday.mondayToFriday
        var hours = BusinessHours.standard
        var closures: [Closure] = []
        let m = Messages(reader.language)
        // `calendar:` left empty means the defaults, like a missing section.
        if let node, node.scalar != "" {
            if node.pairs == nil {
                reader.error(rule, m.format(.calNotMapping, m.kindAfterNot(node)), at: node.start)
            }
            for pair in node.pairs ?? [] where !knownKeys.contains(pair.key) {
                var message = m.format(.calUnknownSetting, pair.key)
                if let s = Suggestion.closest(to: pair.key, in: knownKeys) { message += m.format(.checkDidYouMean, s) }
                reader.warning(.configUnknownKey, message, at: pair.keyStart)
            }
            if let value = node["region"] {
                if let text = value.scalar, let parsed = try? Region.parse(text) {
                    region = parsed
                } else {
                    let names = Region.allCases.map(\.rawValue)
                    var message = m.format(.calRegion, m.quoted(value), names.joined(separator: ", "))
                    if let text = value.scalar, let s = Suggestion.closest(to: text, in: names) { message += m.format(.calDidYouMean, s) }
                    reader.error(rule, message, at: value.start)
                }
            }
            if let value = node["working_days"] {
                workingDays = readWorkingDays(value, reader: &reader) ?? workingDays
            }
            if let value = node["business_hours"] {
                if let text = value.scalar, let parsed = try? BusinessHours.parse(text) {
                    hours = parsed
                } else {
                    reader.error(rule, m.format(.calBusinessHours, m.quoted(value)), at: value.start)
                }
            }
            if let value = node["closures"], value.scalar != "" {
                if let items = value.items {
                    closures = items.compactMap { readClosure($0, reader: &reader) }
                } else {
                    reader.error(rule, m[.calClosuresNotList], at: value.start)
                }
            }
        }
        // Only an empty working week can make this throw, and readWorkingDays never returns one.
        return
            (try? BusinessCalendar(
                region: region, workingDays: workingDays, businessHours: hours, timeZone: timeZone, closures: closures))
            ?? BusinessCalendar.standard(timeZone: timeZone)
    }

    private static func readWorkingDays(_ node: YAMLNode, reader: inout NodeReader) -> Set<Weekday>? {
        let m = Messages(reader.language)
        guard let items = node.items else {
            reader.error(rule, m[.calWorkingDaysNotList], at: node.start)
            return nil
        }
        var days = Set<Weekday>()
        var valid = true
        for item in items {
            if let text = item.scalar, let day = try? Weekday.parse(text) {
                days.insert(day)
            } else {
                valid = false
                reader.error(rule, m.format(.calNotDay, m.quoted(item)), at: item.start)
            }
        }
        guard valid else { return nil }
        if days.isEmpty {
            reader.error(rule, m[.calNoWorkingDay], at: node.start)
            return nil
        }
        return days
    }

    /// `{date: YYYY-MM-DD, name: …}` or `{from: YYYY-MM-DD, to: YYYY-MM-DD, name: …}`.
    private static func readClosure(_ node: YAMLNode, reader: inout NodeReader) -> Closure? {
        let m = Messages(reader.language)
        guard let pairs = node.pairs else {
            reader.error(rule, m[.calClosureNotMapping], at: node.start)
            return nil
        }
        for pair in pairs where !["date", "from", "to", "name"].contains(pair.key) {
            var message = m.format(.calClosureUnknown, pair.key) + m[.calClosureHas]
            if let s = Suggestion.closest(to: pair.key, in: ["date", "from", "to", "name"]) {
                message = m.format(.calClosureUnknown, pair.key) + m.format(.checkDidYouMean, s)
            }
            reader.warning(.configUnknownKey, message, at: pair.keyStart)
        }
        var valid = true
        func day(_ key: String) -> CivilDate? {
            guard let value = node[key] else { return nil }
            if let text = value.scalar, let date = CivilDate.parse(text) { return date }
            valid = false
            reader.error(rule, m.format(.calClosureNotDate, key, m.quoted(value)), at: value.start)
            return nil
        }
        let date = day("date"), from = day("from"), to = day("to")
        let name = node["name"]?.scalar?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty {
            valid = false
            reader.error(rule, m[.calClosureNoName], at: node.start)
        }
        let hasDate = node["date"] != nil
        let hasRange = node["from"] != nil || node["to"] != nil
        if hasDate && hasRange {
            reader.error(rule, m[.calClosureBoth], at: node.start)
            return nil
        }
        if !hasDate && !hasRange {
            reader.error(rule, m[.calClosureNoDate], at: node.start)
            return nil
        }
        if hasRange && (node["from"] == nil || node["to"] == nil) {
            reader.error(rule, m[.calClosureRange], at: node.start)
            return nil
        }
        guard valid else { return nil }
        if let date { return try? Closure(name: name, date: date) }
        guard let from, let to else { return nil }
        guard from <= to else {
            reader.error(
                rule, m.format(.calClosureBackwards, name, to.description, from.description), at: node["to"]?.start ?? node.start)
            return nil
        }
        return try? Closure(name: name, from: from, to: to)
    }
}

extension BusinessCalendar {
    /// The documented defaults in `timeZone`: metropole, Monday to Friday, 09:00-17:00, no closure.
    public static func standard(timeZone: TimeZone) -> BusinessCalendar {
        // Cannot throw: the working week is not empty.
        try! BusinessCalendar(
            region: .metropole, workingDays: Weekday.mondayToFriday, businessHours: .standard, timeZone: timeZone, closures: [])
    }

    /// The same calendar with the holidays of another region (`--region`).
    public func with(region: Region) -> BusinessCalendar {
        // Cannot throw: the working week comes from a calendar that was already accepted.
        try! BusinessCalendar(
            region: region, workingDays: workingDays, businessHours: businessHours, timeZone: timeZone, closures: closures)
    }
}
