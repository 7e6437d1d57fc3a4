import ArgumentParser
import Foundation
import ReclamKit

struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Render a letter for a case: ack, response, follow-up or closure.",
        discussion: """
            Prints the letter; nothing is written or committed. Templates are
            templates/letters/<name>.<lang>.md (mustache); an unknown variable is refused with the
            template's path and line.

            Examples:
              reclam letter 20261005-k7p3 response
              reclam letter 20261005-k7p3 closure --format eml --lang en > closure.eml
            """
    )

    enum Format: String, OutputFormat { case md, html, eml }

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The case id.") var id: String
    @Argument(help: "The template: ack, response, follow-up, closure (or any templates/letters/<name>.<lang>.md).") var template: String
    @Option(help: Format.help) var format: Format = .md
    @Option(help: "Language: fr or en (default: the ledger's).") var lang: Language?
    @Option(help: ArgumentHelp("Sender for the eml format, \"Name <email>\" (default: RECLAM_ACTOR or git config).", valueName: "identity"))
    var actor: String?

    func run() throws {
        let ledger = try global.openLedger()
        let now = try global.now()
        let item = try CaseLocator.load(id, in: ledger)
        let language = lang ?? ledger.config.language
        // md and html are read as Markdown: case text is escaped for it (a title cannot become a link).
        let letter = try LetterRenderer.render(
            template, language: language, item: item, ledger: ledger, now: now, markdownBody: format != .eml)
        switch format {
        case .md:
            print("# \(Escape.markdownKeepingLines(letter.subject))\n\n\(letter.body)", terminator: "")
        case .html:
            let body = "<h1>\(HTML.escape(letter.subject))</h1>\n" + MarkdownRenderer.html(letter.body)
            print(HTML.page(title: letter.subject, language: language, body: body), terminator: "")
        case .eml:
            let context = try WriteContext(ledger: ledger, actorOption: actor, environment: ProcessInfo.processInfo.environment, now: now)
            print(Outbox.message(letter, item: item, context: context, date: now).rendered(), terminator: "")
        }
    }
}
