import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// The version a form was made from (`CaseView.version`): a change made from a stale page is
/// refused, whoever changed the file meanwhile (another person, `git pull`).
public enum CaseVersion {
    /// Refuses when the file at `path` is no longer the one of version `expected`; nil checks nothing.
    public static func require(_ expected: String?, path: String, ledger: Ledger) throws(ReclamError) {
        guard let expected else { return }
        let data = try? Data(contentsOf: ledger.root.appendingPathComponent(path))
        if CaseView.version(of: data) != expected {
            throw .refused(Messages(ledger.config.language).format(.caseChangedSinceForm, path))
        }
    }
}

/// A line in a case's journal and nothing else: `reclam note ID TEXT` and the workspace's note
/// form. One commit; the front-matter and the other sections stay as they were.
public enum CaseNote {
    public struct Result: Sendable {
        public var id: String
        public var commit: CommitResult
    }

    @discardableResult
    public static func add(_ id: String, text: String, expecting version: String? = nil, context: WriteContext) throws(ReclamError)
        -> Result
    {
        let line = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: " ")
        if line.isEmpty { throw .usage("the note is empty: give the text to write in the journal") }
        if line.count > 2_000 { throw .usage("the note is too long (\(line.count) characters, at most 2000)") }
        return try context.retryingConflicts { () throws(ReclamError) -> Result in
            let tip = try? context.repository.tipCommitID()
            let item = try CaseLocator.load(id, in: context.ledger, repository: context.repository)
            try CaseVersion.require(version, path: item.path, ledger: context.ledger)
            let base = tip.flatMap { try? context.repository.blobID(at: item.path, in: $0) }
            var editor = FrontMatterEditor(item.document)
            let tz = context.ledger.config.timeZone
            do {
                try editor.appendToSection(
                    "Journal", line: Journal.line(at: context.now, timeZone: tz, actor: context.actor.name, text: line))
            } catch {
                throw .refused(Messages(context.ledger.config.language).format(.cannotEdit, item.path, "\(error)"))
            }
            let change = Change(
                summary: "note(\(item.id)): journal", body: "Note: \(CommitText.oneLine(line, limit: 200))",
                writes: [(item.path, TextFile(text: editor.text, hasBOM: item.document.file.hasBOM).data)],
                expectedBase: [item.path: base], trailers: context.trailers(case: item.id, stage: item.stage))
            return Result(id: item.id, commit: try context.commit(change))
        }
    }
}

/// The text of a case's `## ` sections, edited from the workspace (a textarea per section):
/// the front-matter and every section not changed stay byte for byte as they were. The
/// journal is not among them: it is written by the moves and by `reclam note`.
public enum CaseSections {
    public struct Result: Sendable {
        public var id: String
        public var changed: [String]
        public var commit: CommitResult
    }

    /// The sections a person may edit: every `## ` section but the journal.
    public static func editable(_ item: Case) -> [(index: Int, section: BodySection)] {
        BodySections.sections(of: item.document).enumerated().filter { $0.element.heading != "Journal" }.map { ($0.offset, $0.element) }
    }

    /// Replaces the text of the sections at the given indexes (as `editable` numbers them).
    @discardableResult
    public static func edit(_ id: String, texts: [Int: String], expecting version: String? = nil, context: WriteContext)
        throws(ReclamError) -> Result
    {
        try context.retryingConflicts { () throws(ReclamError) -> Result in
            let tip = try? context.repository.tipCommitID()
            let item = try CaseLocator.load(id, in: context.ledger, repository: context.repository)
            try CaseVersion.require(version, path: item.path, ledger: context.ledger)
            let allowed = Dictionary(uniqueKeysWithValues: editable(item).map { ($0.index, $0.section.heading) })
            let chosen = texts.filter { allowed[$0.key] != nil }
            let text = BodySections.replacing(chosen, in: item.document)
            if text == item.document.text {
                throw .refused(Messages(context.ledger.config.language).format(.sectionsUnchanged, item.id))
            }
            let before = BodySections.sections(of: item.document)
            let after = (try? MarkdownDocument.parse(TextFile(text: text, hasBOM: item.document.file.hasBOM))).map(BodySections.sections)
            let changed = chosen.keys.sorted().compactMap { index -> String? in
                guard index < before.count, let after, index < after.count, after[index].text != before[index].text else { return nil }
                return before[index].heading
            }
            let base = tip.flatMap { try? context.repository.blobID(at: item.path, in: $0) }
            let change = Change(
                summary: CommitText.oneLine("edit(\(item.id)): " + changed.joined(separator: ", ")),
                writes: [(item.path, TextFile(text: text, hasBOM: item.document.file.hasBOM).data)],
                expectedBase: [item.path: base], trailers: context.trailers(case: item.id, stage: item.stage))
            return Result(id: item.id, changed: changed, commit: try context.commit(change))
        }
    }
}

extension CaseFields {
    /// The fields `reclam set` may change on a case: the catalogue's and the procedure's,
    /// without those reclam writes itself.
    public static func settable(_ procedure: Procedure) -> [String] {
        var names = FieldCatalogue.caseFields.map(\.name)
        for name in procedure.declaredFields.keys.sorted() where !names.contains(name) { names.append(name) }
        return names.filter { !CaseMove.protectedFields.contains($0) }
    }
}
