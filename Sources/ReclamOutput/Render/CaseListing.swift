import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamRules

/// The cases of a ledger, filtered and sorted for `reclam list`.
public struct CaseListing: Sendable {
    public var cases: [Case]
    public var unreadable: [Diagnostic]

    /// The fields `reclam list` shows, in any format.
    public static let listedFields: Set<String> = [
        "id", "learner", "title", "stage", "received", "channel", "complainant", "owner", "category",
    ]

    /// `fields` limits what each case keeps (memory on large ledgers): the listing itself needs
    /// only `listedFields`; reports and registers read more.
    public static func load(
        _ ledger: Ledger, stage: String? = nil, learner: String? = nil, fields: Set<String>? = nil
    ) throws(ReclamError) -> CaseListing {
        let scan = try LedgerScan.scan(ledger)
        var paths = scan.casePaths
        if let learner { paths = paths.filter { $0.hasPrefix("\(Ledger.casesFolder)/\(learner)/") } }
        var (cases, problems) = LedgerReader.cases(paths, in: ledger, text: false, fields: fields)
        if let stage { cases = cases.filter { $0.stage == stage } }
        // Keys computed once: each field lookup in a comparator ran n·log n times.
        let keyed = cases.map { (received: $0.receivedText ?? "", id: $0.id, item: $0) }
        cases = keyed.sorted { ($0.received, $0.id) < ($1.received, $1.id) }.map(\.item)
        return CaseListing(cases: cases, unreadable: problems)
    }

    public static func summary(_ item: Case) -> JSON.Value {
        .object([
            "id": .string(item.id), "learner": .string(item.learner), "title": .string(item.title), "stage": .string(item.stage),
            "received": .string(item.receivedText ?? ""), "channel": .string(item.channel ?? ""),
            "complainant": .string(item.complainant ?? ""), "owner": item.owner.map(JSON.Value.string) ?? .null,
            "category": item.category.map(JSON.Value.string) ?? .null, "path": .string(item.path),
        ])
    }

    public func text(procedure: Procedure, language: Language = .en) -> String {
        let m = Messages(language)
        guard !cases.isEmpty else { return m[.noCases] + "\n" }
        let rows = cases.map {
            [
                $0.id, $0.learner, String(($0.receivedText ?? "").prefix(10)), procedure.stage($0.stage)?.label(language) ?? $0.stage,
                $0.title,
            ]
        }
        return TextTable.render(header: ["ID", m[.columnLearner], m[.columnReceived], m[.columnStage], m[.columnTitle]], rows: rows)
    }

    /// Keeps the cases still open (not at a terminal stage) and, when given, those of `owner`.
    public mutating func keep(openOnly: Bool, owner: String?, procedure: Procedure) {
        let terminal = Set(procedure.stages.filter(\.terminal).map(\.id))
        cases = cases.filter { (!openOnly || !terminal.contains($0.stage)) && (owner == nil || $0.owner == owner) }
    }

    /// Keeps the cases whose next deadline (see `Agenda`) has passed, when `overdue`, and
    /// falls before `before`, when given.
    public mutating func keep(dueIn agenda: Agenda, overdue: Bool, before: Date?) {
        let due = Dictionary(agenda.items.map { ($0.caseID, $0) }, uniquingKeysWith: { first, _ in first })
        cases = cases.filter { item in
            guard let next = due[item.id] else { return false }
            return (!overdue || next.overdue) && (before.map { next.due < $0 } ?? true)
        }
    }

    /// In a French ledger, as `register --format csv`: French headings, enum values and stages
    /// by their labels; otherwise the ids, as the JSON has them.
    public func csv(separator: CSV.Separator = .comma, procedure: Procedure? = nil, language: Language = .en) -> String {
        let m = Messages(language)
        let french = language == .fr
        let header =
            french
            ? ["Référence", "Stagiaire", "Reçue le", "Canal", "Réclamant", "Étape", "Responsable", "Catégorie", "Objet"]
            : ["id", "learner", "received", "channel", "complainant", "stage", "owner", "category", "title"]
        return CSV.document(
            header: header,
            rows: cases.map {
                [
                    $0.id, $0.learner, $0.receivedText ?? "", french ? m.value($0.channel ?? "") : $0.channel ?? "",
                    french ? m.value($0.complainant ?? "") : $0.complainant ?? "",
                    french ? procedure?.stage($0.stage)?.label(language) ?? $0.stage : $0.stage, $0.owner ?? "", $0.category ?? "",
                    $0.title,
                ]
            }, separator: separator)
    }
}

/// Aligned columns for the terminal; control characters in user text are made visible.
public enum TextTable {
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = ""
        render(header: header, rows: rows, into: &out)
        return out
    }

    /// Appends the table to `out`. A table of 100 000 rows held as sanitized copies, then
    /// lines, then their join, peaked at four times its size; here each block of rows becomes
    /// one string, blocks are made on every core, and only the blocks are held besides `out`.
    public static func render(header: [String], rows: [[String]], into out: inout String) {
        let blockSize = 2_048
        let blocks = stride(from: 0, to: rows.count, by: blockSize).map { $0..<min($0 + blockSize, rows.count) }
        let blockWidths = Parallel.map(blocks) { block -> [Int] in
            var widths = header.map { _ in 0 }
            for row in rows[block] {
                for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], width(of: sanitize(cell))) }
            }
            return widths
        }
        var widths = header.map(\.count)
        for block in blockWidths { for (i, width) in block.enumerated() { widths[i] = max(widths[i], width) } }
        let columns = widths
        @Sendable func line(_ cells: [String], clean: Bool, into text: inout String) {
            for (i, cell) in cells.enumerated() {
                let cell = clean ? cell : sanitize(cell)
                if i > 0 { text += "  " }
                text += i == cells.count - 1 ? cell : padded(cell, to: columns[i])
            }
            text += "\n"
        }
        let texts = Parallel.map(blocks) { block -> String in
            var text = ""
            for row in rows[block] { line(row, clean: false, into: &text) }
            return text
        }
        out.reserveCapacity(out.utf8.count + texts.reduce(0) { $0 + $1.utf8.count } + columns.reduce(0, +) + 2 * columns.count + 1)
        line(header, clean: true, into: &out)
        for text in texts { out += text }
    }

    /// Width in characters; ASCII text (most cells) is counted without grapheme breaking.
    static func width(of cell: String) -> Int {
        cell.utf8.allSatisfy { $0 < 0x80 } ? cell.utf8.count : cell.count
    }

    /// Pads to a width in characters. Foundation's `padding(toLength:)` goes through NSString
    /// (UTF-16 lengths) and took a tenth of `reclam sla` on a large ledger.
    public static func padded(_ cell: String, to width: Int) -> String {
        let missing = width - TextTable.width(of: cell)
        return missing > 0 ? cell + String(repeating: " ", count: missing) : cell
    }

    public static func sanitize(_ text: String) -> String {
        // Almost every cell is clean: a byte scan avoids rebuilding it scalar by scalar.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F ? "␣" : $0 }))
    }
}
