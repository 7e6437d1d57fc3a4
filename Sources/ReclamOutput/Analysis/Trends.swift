import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// Recurring and rising complaint themes (procedure A's "tendances récurrentes"), each figure
/// with the case ids behind it so that a reader can check it.
public struct Trends: Sendable {
    public enum Dimension: String, Sendable, CaseIterable {
        case category, channel, complainant, level, session, owner
    }

    public enum Period: String, Sendable, CaseIterable {
        case month, quarter, year
    }

    public struct Bucket: Sendable {
        public var period: String
        public var value: String
        public var ids: [String]
    }

    public struct Recurring: Sendable {
        public var value: String
        public var ids: [String]
        /// Cases of this value that no action answers and that give no reason for none.
        public var withoutAction: [String]
        public var rising: Bool
    }

    public var dimension: Dimension
    public var period: Period
    public var periods: [String]
    public var buckets: [Bucket]
    public var recurring: [Recurring]
    public var rising: [String]
    public var threshold: Int

    /// What trends read of one case.
    public struct Entry: Sendable {
        public var id: String
        public var receivedText: String
        public var received: Date?
        /// The case's value for the dimension, "(none)" when it has none.
        public var value: String
        public var hasNoActionReason: Bool

        public init(_ item: Case, dimension: Dimension) {
            id = item.id
            receivedText = item.receivedText ?? ""
            received = item.received
            value = item.field(dimension.rawValue) ?? "(none)"
            hasNoActionReason = item.field("no_action_reason") != nil
        }
    }

    /// The entries of the case files at `paths`, each read and reduced where it is read.
    /// Files that cannot be read are left out (`reclam check` reports them).
    public static func entries(_ paths: [String], in ledger: Ledger, dimension: Dimension) -> [Entry] {
        read(paths, in: ledger, dimension: dimension).entries
    }

    /// The entries, and the files that could not be read.
    public static func read(_ paths: [String], in ledger: Ledger, dimension: Dimension) -> (entries: [Entry], unreadable: [Diagnostic]) {
        let read = Parallel.map(paths) { path -> Result<Entry?, LedgerReader.LoadFailure> in
            LedgerReader.readDocument(path, in: ledger).map { Entry(Case(path: path, document: $0), dimension: dimension) }
        }
        return (
            read.compactMap { try? $0.get() }.compactMap { $0 },
            read.compactMap { if case .failure(let failure) = $0 { failure.diagnostic } else { nil } }
        )
    }

    public static func compute(
        cases: [Case], actions: [Action], dimension: Dimension, period: Period, from: CivilDate?, to: CivilDate?, threshold: Int,
        timeZone: TimeZone
    ) -> Trends {
        compute(
            entries: cases.map { Entry($0, dimension: dimension) }, actions: actions, dimension: dimension, period: period, from: from,
            to: to, threshold: threshold, timeZone: timeZone)
    }

    public static func compute(
        entries: [Entry], actions: [Action], dimension: Dimension, period: Period, from: CivilDate?, to: CivilDate?, threshold: Int,
        timeZone: TimeZone
    ) -> Trends {
        let linked = Set(actions.flatMap(\.cases))
        var byPeriod: [String: [String: [String]]] = [:]
        var inWindow: [String: [String]] = [:]
        var withoutAction: [String: [String]] = [:]
        for item in entries.sorted(by: { ($0.receivedText, $0.id) < ($1.receivedText, $1.id) }) {
            guard let received = item.received else { continue }
            let day = CivilDate(date: received, timeZone: timeZone)
            if let from, day < from { continue }
            if let to, to < day { continue }
            let key = label(day, period)
            byPeriod[key, default: [:]][item.value, default: []].append(item.id)
            inWindow[item.value, default: []].append(item.id)
            if !linked.contains(item.id) && !item.hasNoActionReason { withoutAction[item.value, default: []].append(item.id) }
        }
        let periods = byPeriod.keys.sorted()
        var buckets: [Bucket] = []
        for key in periods {
            for (value, ids) in byPeriod[key, default: [:]].sorted(by: { $0.key < $1.key }) {
                buckets.append(Bucket(period: key, value: value, ids: ids))
            }
        }
        // Rising: more cases in the last period than the average of the periods before it.
        var rising: [String] = []
        if let last = periods.last, periods.count >= 2 {
            let previous = periods.dropLast()
            for (value, ids) in byPeriod[last, default: [:]] {
                let before = previous.reduce(0) { $0 + (byPeriod[$1]?[value]?.count ?? 0) }
                if ids.count >= 2 && Double(ids.count) > Double(before) / Double(previous.count) { rising.append(value) }
            }
        }
        let recurring = inWindow.filter { $0.value.count >= threshold && $0.key != "(none)" }
            .sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
            .map { Recurring(value: $0.key, ids: $0.value, withoutAction: withoutAction[$0.key] ?? [], rising: rising.contains($0.key)) }
        return Trends(
            dimension: dimension, period: period, periods: periods, buckets: buckets, recurring: recurring, rising: rising.sorted(),
            threshold: threshold)
    }

    static func label(_ day: CivilDate, _ period: Period) -> String {
        switch period {
        case .month: String(format: "%04d-%02d", day.year, day.month)
        case .quarter: String(format: "%04d-Q%d", day.year, (day.month - 1) / 3 + 1)
        case .year: String(format: "%04d", day.year)
        }
    }

    /// The threshold for "recurring": `trends.recurring_min` in reclam.yml, default 3.
    public static func threshold(_ config: LedgerConfig) -> Int {
        config.root?["trends"]?["recurring_min"]?.scalar.flatMap(Int.init) ?? 3
    }

    public func json() -> JSON.Value {
        .object([
            "dimension": .string(dimension.rawValue), "period": .string(period.rawValue), "threshold": .number(Double(threshold)),
            "counts": .array(
                buckets.map {
                    .object([
                        "period": .string($0.period), "value": .string($0.value), "count": .number(Double($0.ids.count)),
                        "cases": .array($0.ids.map { .string($0) }),
                    ])
                }),
            "recurring": .array(
                recurring.map {
                    .object([
                        "value": .string($0.value), "count": .number(Double($0.ids.count)), "cases": .array($0.ids.map { .string($0) }),
                        "without_action": .array($0.withoutAction.map { .string($0) }), "rising": .bool($0.rising),
                    ])
                }),
            "rising": .array(rising.map { .string($0) }),
        ])
    }

    func bucketTable(_ m: Messages) -> Table {
        Table(
            header: [m[.period], m[.value], m[.count], m[.cases]],
            rows: buckets.map { [$0.period, shown($0.value, m), String($0.ids.count), $0.ids.joined(separator: ", ")] })
    }

    /// A value as a person reads it: an enum value's label, `(aucun)` for none.
    func shown(_ value: String, _ m: Messages) -> String { value == "(none)" ? m[.none] : m.value(value) }

    func heading(_ m: Messages) -> String { "\(m[.trends]) (\(m.word(dimension.rawValue)), \(m.word(period.rawValue)))" }

    func recurringLine(_ item: Recurring, _ m: Messages) -> (head: String, count: String, ids: String, without: String?) {
        (
            shown(item.value, m), "\(item.ids.count)\(item.rising ? " (\(m[.rising]))" : "")", item.ids.joined(separator: ", "),
            item.withoutAction.isEmpty ? nil : "\(m[.noLinkedAction]) : \(item.withoutAction.joined(separator: ", "))"
        )
    }

    public func markdown(language: Language) -> String {
        let m = Messages(language)
        var out = "## \(Escape.markdown(heading(m)))\n\n" + bucketTable(m).markdown()
        out += "\n### \(m[.recurring]) (≥ \(threshold))\n\n"
        if recurring.isEmpty { out += m[.noneFeminine] + "\n" }
        for item in recurring {
            let line = recurringLine(item, m)
            out += "- **\(Escape.markdown(line.head))** : \(line.count) — \(line.ids)\n"
            if let without = line.without { out += "  - \(without)\n" }
        }
        return out
    }

    /// HTML built directly: cmark has no tables, and every value is escaped.
    public func html(language: Language) -> String {
        let m = Messages(language)
        var out = "<h2>\(Escape.html(heading(m)))</h2>\n" + bucketTable(m).html()
        out += "<h3>\(m[.recurring]) (≥ \(threshold))</h3>\n<ul>\n"
        if recurring.isEmpty { out += "<li>\(m[.noneFeminine])</li>\n" }
        for item in recurring {
            let line = recurringLine(item, m)
            out += "<li><strong>\(Escape.html(line.head))</strong> : \(line.count) — \(Escape.html(line.ids))"
            if let without = line.without { out += "<br>\(Escape.html(without))" }
            out += "</li>\n"
        }
        return out + "</ul>\n"
    }

    public func text(language: Language = .en) -> String {
        let m = Messages(language)
        var out = TextTable.render(
            header: [m[.period], m.word(dimension.rawValue), m[.count], m[.cases]].map { $0.uppercased() },
            rows: buckets.map { [$0.period, shown($0.value, m), String($0.ids.count), $0.ids.joined(separator: ",")] })
        out += "\n" + m.format(.recurringAtLeast, String(threshold)) + "\n"
        if recurring.isEmpty { out += "  \(m[.noneFeminine])\n" }
        for item in recurring {
            let line = recurringLine(item, m)
            out += "  \(line.head)\(m[.colon])\(line.count) — \(line.ids)\n"
            if let without = line.without { out += "    \(without)\n" }
        }
        return out
    }
}
