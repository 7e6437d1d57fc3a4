import ArgumentParser
import Foundation
import ReclamKit

struct IntakeSurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake-survey",
        abstract: "Take in the end-of-training survey: every score below the threshold becomes a case.",
        discussion: """
            Reads a spreadsheet export (CSV: ';', ',' or tab separated, UTF-8 with or
            without BOM, UTF-16 or Windows-1252, decimal commas accepted) and creates one
            case per response scored below --threshold (channel survey, received on the
            response date, the comment as text), all in one commit. Columns are found by
            their header (learner, score, date, comment, session, id, in French or
            English), or named with --columns. The learner column holds learner ids or
            addresses listed in the learners' 'emails:'.

            A response taken in before creates nothing: each case keeps a survey_key (the
            response id column when there is one, else a hash of the response). Standard
            output: one case id per response below the threshold; standard error: a
            summary. A bad row refuses the whole file (exit 1) unless --skip-bad-rows; a
            row below the threshold is a complaint and is never skipped: it refuses the file
            even then, naming its line. A respondent whose address no learner lists is such
            a row, unless --unknown-learner create makes a learner folder for them under a
            pseudonymous id (resp-…, the address in its emails:). docs/INTAKE.md has the
            details.

            Examples:
              reclam intake-survey enquete-session-2026-11.csv
              reclam intake-survey export.csv --threshold 7 \\
                --columns learner=Identifiant,score="Note globale"
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions

    @Argument(help: ArgumentHelp("The survey export (CSV).", valueName: "file.csv")) var file: String

    @Option(help: "Scores strictly below this become cases.") var threshold: Double = 6

    @Option(help: "The top of the score scale (shown in titles as 4/10).") var scale: Double = 10

    @Option(
        help: ArgumentHelp(
            "Which header holds what: learner=…,score=…,date=…,comment=…,session=…,id=… (default: recognised by name).",
            valueName: "role=header,…"))
    var columns: String?

    @Flag(
        name: .customLong("skip-bad-rows"),
        help: "Import the good rows and list the bad ones instead of refusing the file (never a row below the threshold).")
    var skipBadRows = false

    @Option(
        name: .customLong("unknown-learner"),
        help: ArgumentHelp(
            "A respondent whose address no learner lists: refuse (the row is bad) or create (a learner folder, pseudonymous id).",
            valueName: "refuse|create"))
    var unknownLearner: SurveyIntake.UnknownLearner = .refuse

    func validate() throws {
        if !(threshold.isFinite && scale.isFinite && scale > 0) {
            throw ReclamError.usage("--threshold and --scale must be numbers, --scale above 0")
        }
        if let columns { _ = try Self.parseColumns(columns) }
    }

    static func parseColumns(_ text: String) throws -> [String: String] {
        var result: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ReclamError.usage("--columns '\(item)' is not role=header, e.g. score=Note")
            }
            result[parts[0].trimmingCharacters(in: .whitespaces).lowercased()] = parts[1].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    func run() throws {
        let context = try write.context(global)
        var options = SurveyIntake.Options()
        options.threshold = threshold
        options.scale = scale
        options.skipBadRows = skipBadRows
        options.unknownLearner = unknownLearner
        if let columns { options.columns = try Self.parseColumns(columns) }
        let report = try SurveyIntake.run(URL(fileURLWithPath: file), label: file, options: options, context: context)
        for row in report.rows {
            switch row.outcome {
            case .created(let id), .existing(let id): print(id)
            }
        }
        if !report.skipped.isEmpty { FileHandle.standardError.write(RunLanguage.render(report.skipped)) }
        let m = Messages(context.ledger.config.language)
        let separator = report.separator == "\t" ? m[.surveyTab] : "'\(report.separator)'"
        let encoding = m.language == .fr ? report.encoding.replacingOccurrences(of: " with BOM", with: " avec BOM") : report.encoding
        let created = m.count(report.created, one: .surveyNewCase, many: .surveyNewCases)
        var summary = m.format(
            .surveySummary, file, m.count(report.responses, one: .surveyResponseOne, many: .surveyResponseMany), encoding, separator,
            String(report.belowThreshold), threshold.formatted(), created,
            m.count(report.existing, one: .surveyExistingOne, many: .surveyExistingMany),
            m.count(report.atOrAbove, one: .surveyAtOrAboveOne, many: .surveyAtOrAboveMany))
        if report.withoutScore > 0 { summary += m.format(.surveyWithoutScore, String(report.withoutScore)) }
        if !report.skipped.isEmpty { summary += m.format(.surveySkipped, String(report.skipped.count)) }
        if !report.newLearners.isEmpty {
            summary += m.format(
                report.newLearners.count == 1 ? .surveyNewLearner : .surveyNewLearners, report.newLearners.joined(separator: ", "))
        }
        FileHandle.standardError.write("reclam: \(summary)\n")
    }
}

extension SurveyIntake.UnknownLearner: ExpressibleByArgument {}
