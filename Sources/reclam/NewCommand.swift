import ArgumentParser
import Foundation
import ReclamKit

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Record a new complaint, commit it, and print its id.",
        discussion: """
            Writes cases/<learner>/<id>.md from templates/case.md and commits it. Only the new
            id is printed on standard output, so scripts can capture it.

            Example:
              id=$(reclam new --learner stg-2026-014 --title "Attestation non reçue" \\
                     --channel email --complainant learner --body-file mail.txt)
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Option(help: "The learner's pseudonymous id (the folder under cases/).") var learner: String
    @Option(help: "One-line summary of the complaint.") var title: String
    @Option(help: "How it arrived: email, letter, phone, mediation, survey, web, in-person, internal.") var channel: String
    @Option(help: "Who complains: learner, funder, prescriber, partner, company, internal.") var complainant: String
    @Option(
        help: ArgumentHelp(
            "When it was received: 2026-10-05 09:12 or 2026-10-05 in the ledger's time zone, or ISO 8601 with offset (default: now).",
            valueName: "datetime")) var received: String?
    @Option(help: "An explicit id, for importing an existing register (default: generated).") var id: String?
    @Option(help: "Who handles the case.") var owner: String?
    @Option(help: "The complainant's email address, stored as 'contact' (letters go there when learner.md has none).")
    var email: String?
    @Option(help: "complaint (default) or dysfunction.") var kind: String?
    @Option(help: "The organisation's category.") var category: String?
    @Option(
        name: .customLong("body-file"), help: ArgumentHelp("The complaint text, from a file or - for standard input.", valueName: "file"))
    var bodyFile: String?

    func run() throws {
        if let email, let problem = EmailText.problem(email) { throw ReclamError.usage("--email \(problem)") }
        var request = NewCaseRequest(
            learner: learner, title: title, channel: channel, complainant: complainant, receivedText: received, id: id, owner: owner,
            kind: kind, category: category, contact: email)
        let context = try write.context(global)
        if let bodyFile { request.body = try BodyInput.read(bodyFile, language: context.ledger.config.language) }
        let created = try NewCase.create(request, context: context)
        print(created.id)
    }
}

enum BodyInput {
    static func read(_ path: String, language: Language) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            do { data = try FileSystem.readRegularFile(URL(fileURLWithPath: path), limit: TextFile.maximumSize) } catch {
                throw ReclamError.io(Messages(language).format(.cannotRead, path, error.message))
            }
        }
        do { return try TextFile.decode(data).text } catch {
            throw ReclamError.usage("\(path): \(error.message)")
        }
    }
}
