import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// One case that an intake command is about to create.
struct IntakePlannedCase: Sendable {
    var id: String
    var request: NewCaseRequest
    var received: Date
    /// Files for `cases/<learner>/<id>/`, with names already sanitised and unique.
    var attachments: [(name: String, data: Data)] = []
    /// What was wrong with the message (`intake_warnings`), one line each.
    var warnings: [String] = []

    var path: String { Ledger.casePath(learner: request.learner, id: id) }
}

/// Renders planned cases and puts them all in one `Change`: a batch is one commit.
enum IntakeBatch {
    /// `learnerEmails`: the `emails:` of learner files the batch creates.
    static func change(
        _ cases: [IntakePlannedCase], summary: String, source: String, index: IntakeIndex, context: WriteContext,
        learnerEmails: [String: [String]] = [:]
    ) throws(ReclamError) -> Change {
        let ledger = context.ledger
        let template = Templates.caseBody(in: ledger)
        var writes: [(path: String, contents: Data)] = []
        var expected: [String: ObjectID?] = [:]
        var newLearners = Set<String>()
        for planned in cases {
            // The complaint is placed here rather than by `NewCase.render`, which puts it under
            // the template's second heading when the template starts with its first one.
            var request = planned.request
            request.body = nil
            var text = try NewCase.render(request, id: planned.id, received: planned.received, context: context, template: template)
            if let complaint = planned.request.body { text = placeComplaint(complaint, in: text) }
            if !planned.attachments.isEmpty {
                text = try withAttachments(text, planned.attachments, language: context.ledger.config.language)
            }
            if !planned.warnings.isEmpty { text = try withWarnings(text, planned.warnings, language: context.ledger.config.language) }
            writes.append((planned.path, Data(text.utf8)))
            expected[planned.path] = .some(nil)
            for attachment in planned.attachments {
                let path = "\(Ledger.casesFolder)/\(planned.request.learner)/\(planned.id)/\(attachment.name)"
                writes.append((path, attachment.data))
                expected[path] = .some(nil)
            }
            let learner = planned.request.learner
            if !index.learners.contains(learner) && newLearners.insert(learner).inserted {
                let learnerPath = "\(Ledger.casesFolder)/\(learner)/\(Ledger.learnerFile)"
                var text = "---\nid: \(learner)\n"
                if let emails = learnerEmails[learner], !emails.isEmpty {
                    text += "emails: [\(emails.map(YAMLScalarWriter.flow).joined(separator: ", "))]\n"
                }
                writes.append((learnerPath, Data((text + "---\n").utf8)))
                expected[learnerPath] = .some(nil)
            }
        }
        var trailers: [(key: String, value: String)] = cases.map { ("Reclam-Case", $0.id) }
        trailers.append(("Reclam-Stage", ledger.config.procedure.initialStage?.id ?? "received"))
        trailers.append(("Reclam-Intake", source))
        trailers.append(("Reclam-Actor", context.actor.name))
        return Change(summary: summary, writes: writes, expectedBase: expected, trailers: trailers)
    }

    /// Puts the complaint under the body's first `## ` heading, in place of the template's hint
    /// comment; at the top of the body when there is no heading.
    static func placeComplaint(_ complaint: String, in text: String) -> String {
        guard let split = try? FrontMatter.split(text) else { return text }
        let eol = text.contains("\r\n") ? "\r\n" : "\n"
        let block = eol + complaint.replacingOccurrences(of: "\n", with: eol) + eol + eol
        func isNewline(_ character: Character) -> Bool { character == "\n" || character == "\r\n" }
        var insertAt = split.bodyRange.lowerBound
        var restStart = insertAt
        var cursor = LineCursor(text)
        cursor.position = insertAt
        while let line = cursor.next() {
            guard text[line.content].hasPrefix("## ") else { continue }
            insertAt = line.full.upperBound
            restStart = insertAt
            // The template's hint comment under the heading gives way to the real text.
            let rest = text[insertAt...]
            if rest.hasPrefix("<!--"), let close = rest.range(of: "-->") {
                restStart = rest[close.upperBound...].firstIndex(where: isNewline).map { rest.index(after: $0) } ?? rest.endIndex
            }
            break
        }
        return String(text[..<insertAt]) + block + text[restStart...].drop(while: isNewline)
    }

    /// Adds the `attachments:` list, one flow mapping per file: name, size in bytes, SHA-256.
    static func withAttachments(
        _ text: String, _ attachments: [(name: String, data: Data)], language: Language
    ) throws(ReclamError) -> String {
        let document: MarkdownDocument
        do { document = try MarkdownDocument.parse(TextFile(text: text)) } catch {
            throw .refused(Messages(language).format(.newCaseUnparsable, Messages(language).documentProblem(error)))
        }
        var editor = FrontMatterEditor(document)
        for attachment in attachments {
            let item =
                "{file: \(YAMLScalarWriter.flow(attachment.name)), size: \(attachment.data.count), "
                + "sha256: \(YAMLScalarWriter.flow(IntakeHash.sha256(attachment.data)))}"
            do { try editor.append(to: "attachments", flowItem: item) } catch { throw .refused("\(error)") }
        }
        return editor.text
    }

    /// Adds the `intake_warnings:` list, one quoted line per warning.
    static func withWarnings(_ text: String, _ warnings: [String], language: Language) throws(ReclamError) -> String {
        let document: MarkdownDocument
        do { document = try MarkdownDocument.parse(TextFile(text: text)) } catch {
            throw .refused(Messages(language).format(.newCaseUnparsable, Messages(language).documentProblem(error)))
        }
        var editor = FrontMatterEditor(document)
        for warning in warnings {
            do { try editor.append(to: "intake_warnings", flowItem: YAMLScalarWriter.flow(warning)) } catch { throw .refused("\(error)") }
        }
        return editor.text
    }

    /// A new id, unused in the ledger and in the batch.
    static func newID(received: Date, index: IntakeIndex, planned: Set<String>, timeZone: TimeZone) -> String {
        CaseIDs.make(received: received, timeZone: timeZone) { index.caseIDs.contains($0) || planned.contains($0) }
    }

    /// `1 case`, `3 cases`.
    static func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// Text from outside (a mail, a survey comment) made safe to sit in a case body.
enum IntakeText {
    /// Beyond this, the text is cut in the case file (which must stay under 1 MiB).
    static let maximumBodyBytes = 256 << 10

    /// The text as Markdown that cannot break the case file's structure: a line that would be
    /// a heading (`## Journal` in a mail would capture the journal) or raw HTML is escaped with
    /// a backslash, which Markdown renders as the character itself.
    static func markdownBody(_ text: String) -> (text: String, truncated: Bool) {
        var lines: [String] = []
        for line in TextDecoding.clean(text).split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(line)
            while let last = line.last, last == " " || last == "\t" { line.removeLast() }
            let indent = line.prefix { $0 == " " }
            if indent.count <= 3, let first = line.dropFirst(indent.count).first, first == "#" || first == "<" {
                line = indent + "\\" + line.dropFirst(indent.count)
            }
            lines.append(line)
        }
        var result = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var truncated = false
        if result.utf8.count > maximumBodyBytes {
            var cut = result.utf8.prefix(maximumBodyBytes)
            while String(cut) == nil { cut = cut.dropLast() }
            result = String(cut)! + "\n\n[…]"
            truncated = true
        }
        return (result, truncated)
    }

    /// A warning for `intake_warnings`: one line without control characters, at most 300 characters.
    static func warning(_ text: String) -> String {
        let line = TextDecoding.oneLine(text)
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }

    /// A title on one line, at most 200 characters.
    static func title(_ text: String) -> String {
        let line = TextDecoding.oneLine(text)
        return line.count > 200 ? String(line.prefix(199)) + "…" : line
    }
}
