import Foundation
import Mustache
import ReclamCore
import ReclamGit

/// A letter or email rendered from `templates/letters/<name>.<lang>.md`.
public struct Letter: Sendable {
    public var name: String
    public var language: Language
    public var subject: String
    public var body: String
}

/// Renders letters with swift-mustache after checking every tag against the variables a letter
/// can use, so that a typo in a template fails with its path and line instead of printing nothing.
public enum LetterRenderer {
    public static let names = ["ack", "response", "follow-up", "closure"]

    /// The variables every letter may use; `case.<field>` also accepts any field of the procedure.
    public static let baseVariables: Set<String> = [
        "organisation", "today", "promised_delay", "case", "case.id", "case.title", "case.topic", "case.received_date", "case.learner",
        "case.owner",
        "case.findings", "case.solution", "case.solution_type_label", "case.response_channel", "case.category", "case.stage_label",
    ]

    public static func path(_ name: String, _ language: Language) -> String { "templates/letters/\(name).\(language.rawValue).md" }

    public static func variables(procedure: Procedure) -> Set<String> {
        baseVariables.union(procedure.declaredFields.keys.map { "case.\($0)" })
    }

    /// The template's text from the ledger, or the built-in one.
    public static func source(_ name: String, _ language: Language, ledger: Ledger) throws(ReclamError) -> (path: String, text: String) {
        // The name becomes part of a path: '../../x' would read a template from outside the ledger.
        if let problem = Identifier.problem(name) {
            throw .usage("template name: \(problem); templates: \(names.joined(separator: ", ")), or templates/letters/<name>.<lang>.md")
        }
        let path = path(name, language)
        if FileSystem.kind(of: ledger.url(path)) != nil {
            let m = Messages(ledger.config.language)
            do {
                let data = try FileSystem.readRegularFile(ledger.url(path), limit: TextFile.maximumSize)
                return (path, try TextFile.decode(data).text)
            } catch let error as FileSystem.Failure {
                throw .io(m.format(.cannotRead, path, error.message))
            } catch let error as TextFile.Problem {
                throw ReclamError(
                    .refused, m.format(.ledgerUnusable, path),
                    diagnostics: [Diagnostic(error.rule, m.fileProblem(error), file: path, at: error.location)])
            } catch {
                throw .io(m.format(.ioCannotReadBare, path))
            }
        }
        guard let text = DefaultTemplates.files[path] else {
            throw .usage("no template '\(name)' in \(language.rawValue) (\(path)); templates: \(names.joined(separator: ", "))")
        }
        return (path, text)
    }

    /// Findings about one template: front-matter, subject, mustache syntax, unknown variables.
    public static func check(path: String, text: String, procedure: Procedure, language: Language = .en) -> [Diagnostic] {
        let m = Messages(language)
        let document: MarkdownDocument
        do { document = try MarkdownDocument.parse(TextFile(text: text)) } catch {
            return [error.diagnostic(file: path, language: language)]
        }
        var out: [Diagnostic] = []
        if document.string("subject")?.isEmpty ?? true {
            out.append(
                Diagnostic(
                    .templateInvalid, m[.templateNoSubject], file: path, line: 1,
                    column: 1))
        }
        let allowed = variables(procedure: procedure)
        for tag in MustacheTags.scan(text) where !tag.name.isEmpty && !allowed.contains(tag.name) {
            var message = m.format(.templateUnknownVariable, tag.name)
            if let suggestion = Suggestion.closest(to: tag.name, in: allowed.sorted()) { message += m.format(.checkDidYouMean, suggestion) }
            out.append(Diagnostic(.templateUnknownVariable, message, file: path, at: tag.location))
        }
        do { _ = try MustacheTemplate(string: String(document.body)) } catch let error as MustacheTemplate.ParserError {
            let bodyFirstLine = document.text[..<document.frontMatter.bodyRange.lowerBound].reduce(1) { $1.isNewline ? $0 + 1 : $0 }
            let line = bodyFirstLine + error.context.lineNumber - 1
            out.append(
                Diagnostic(
                    .templateInvalid, m.format(.templateMustache, MustacheTags.explain(error.error, m)), file: path, line: line,
                    column: error.context.columnNumber))
        } catch {
            out.append(Diagnostic(.templateInvalid, m.format(.templateMustache, "\(error)"), file: path, line: 1, column: 1))
        }
        return out
    }

    /// - Parameter markdownBody: the body will be read as Markdown (`letter --format md|html`):
    ///   every value put into it is Markdown-escaped, so that case text is shown, never
    ///   interpreted. The subject is plain text either way.
    public static func render(
        _ name: String, language: Language, item: Case, ledger: Ledger, now: Date, markdownBody: Bool = false
    ) throws(ReclamError) -> Letter {
        let (path, text) = try source(name, language, ledger: ledger)
        let problems = check(path: path, text: text, procedure: ledger.config.procedure, language: ledger.config.language)
        let invalid = Messages(ledger.config.language).format(.templateRefused, path)
        if problems.hasErrors { throw ReclamError(.refused, invalid, diagnostics: problems) }
        guard let document = try? MarkdownDocument.parse(TextFile(text: text)) else { throw .refused(invalid) }
        let context = LetterContext.make(item: item, ledger: ledger, language: language, now: now)
        let subject = renderText(document.string("subject") ?? "", context)
        let body = renderText(
            String(document.body), markdownBody ? LetterContext.escaped(context, Escape.markdownKeepingLines) : context)
        return Letter(name: name, language: language, subject: subject, body: collapseBlankLines(body))
    }

    static func renderText(_ text: String, _ context: [String: Any]) -> String {
        // The TEXT content type: letters are plain text, HTML escaping would turn ' into &#39;.
        guard let template = try? MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}" + text) else { return text }
        return template.render(context)
    }

    /// Optional sections leave blank lines behind; letters keep at most one.
    static func collapseBlankLines(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty, lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true {
                continue
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }
}

/// Where each `{{tag}}` of a template is, and the variable it names.
enum MustacheTags {
    static func explain(_ error: Error, _ m: Messages = Messages(.en)) -> String {
        switch error as? MustacheTemplate.Error {
        case .expectedSectionEnd: m[.mustacheUnclosedSection]
        case .sectionCloseNameIncorrect: m[.mustacheWrongClose]
        case .unfinishedName: m[.mustacheUnfinished]
        case .invalidSetDelimiter: m[.mustacheDelimiter]
        default: "\(error)"
        }
    }

    struct Tag {
        var name: String
        var location: SourceLocation
    }

    static func scan(_ text: String) -> [Tag] {
        var tags: [Tag] = []
        var line = 1
        var column = 1
        var index = text.startIndex
        while index < text.endIndex {
            if text[index...].hasPrefix("{{") {
                let start = SourceLocation(line: line, column: column)
                let contentStart = text.index(index, offsetBy: 2)
                guard let close = text[contentStart...].range(of: "}}") else { break }
                var inner = text[contentStart..<close.lowerBound]
                if inner.hasPrefix("{") { inner = inner.dropFirst() }
                var name = inner.trimmingCharacters(in: .whitespaces)
                if let first = name.first {
                    switch first {
                    case "!", "%", ">", "<", "$", "=": name = ""
                    case "#", "^", "/", "&": name = String(name.dropFirst()).trimmingCharacters(in: .whitespaces)
                    default: break
                    }
                }
                if name == "." { name = "" }
                tags.append(Tag(name: name, location: start))
                for character in text[index..<close.upperBound] {
                    if character == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
                index = close.upperBound
                continue
            }
            if text[index] == "\n" || text[index] == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index = text.index(after: index)
        }
        return tags
    }
}

/// The values a letter sees.
enum LetterContext {
    /// The same values, each string passed through `escape`.
    static func escaped(_ value: [String: Any], _ escape: (String) -> String) -> [String: Any] {
        value.mapValues { item -> Any in
            switch item {
            case let text as String: escape(text)
            case let nested as [String: Any]: escaped(nested, escape)
            default: item
            }
        }
    }

    static func make(item: Case, ledger: Ledger, language: Language, now: Date) -> [String: Any] {
        var fields: [String: Any] = [:]
        for pair in item.document.root?.pairs ?? [] {
            if let text = pair.value.scalar { fields[pair.key] = text }
        }
        let procedure = ledger.config.procedure
        if let received = item.received {
            fields["received_date"] = LongDate.format(received, timeZone: ledger.config.timeZone, language: language)
        }
        if let title = item.field("title") { fields["topic"] = Topic.of(title) }
        fields["stage_label"] = procedure.stage(item.stage)?.label(language) ?? item.stage
        if let type = item.field("solution_type") { fields["solution_type_label"] = SolutionLabels.label(type, language) }
        return [
            "organisation": ledger.config.organisation,
            "today": LongDate.format(now, timeZone: ledger.config.timeZone, language: language),
            "promised_delay": PromisedDelay.text(ledger: ledger, language: language),
            "case": fields,
        ]
    }
}

/// What a complaint is about, for "une réclamation concernant …": the title without the
/// "Réclamation :", "Re:" or "Fwd:" an email subject brings, so the letter does not repeat it.
enum Topic {
    static let prefixes = ["réclamation", "reclamation", "complaint", "re", "fwd", "fw", "tr", "objet"]

    static func of(_ title: String) -> String {
        var text = Substring(title.trimmingCharacters(in: .whitespaces))
        while let colon = text.firstIndex(of: ":"),
            prefixes.contains(text[..<colon].trimmingCharacters(in: .whitespaces).lowercased())
        {
            text = text[text.index(after: colon)...].drop { $0 == " " }
        }
        return text.isEmpty ? title : String(text)
    }
}

enum SolutionLabels {
    static func label(_ value: String, _ language: Language) -> String {
        let fr = [
            "corrective-action": "action corrective", "compensation": "compensation", "process-improvement": "amélioration de processus",
        ]
        let en = ["corrective-action": "corrective action", "compensation": "compensation", "process-improvement": "process improvement"]
        return (language == .fr ? fr : en)[value] ?? value
    }
}

/// "5 octobre 2026" / "5 October 2026", in the ledger's time zone.
enum LongDate {
    static func format(_ date: Date, timeZone: TimeZone, language: Language) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: language == .fr ? "fr_FR" : "en_GB")
        formatter.timeZone = timeZone
        formatter.dateFormat = "d MMMM yyyy"
        return formatter.string(from: date)
    }
}

/// The answer delay promised in the acknowledgement comes from the ledger's SLA settings, so a
/// team that changes its commitment changes its letters too.
enum PromisedDelay {
    static func text(ledger: Ledger, language: Language) -> String {
        let rules = ledger.config.slaNode?.items ?? []
        let answer = rules.first { $0["stop"]?.scalar == "responded" } ?? rules.last
        guard let durationText = answer?["duration"]?.scalar, let duration = try? SLADuration.parse(durationText) else {
            return language == .fr ? "les meilleurs délais" : "as soon as possible"
        }
        return language == .fr ? duration.frenchDescription : duration.description
    }
}
