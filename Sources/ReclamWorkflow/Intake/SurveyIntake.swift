import Foundation
import ReclamCore
import ReclamGit
import ReclamLedger
import ReclamOutput
import ReclamRules

/// `reclam intake-survey`: every end-of-training survey response scored below the threshold
/// becomes a case (procedure B), all in one commit, each response only once.
public enum SurveyIntake {
    public struct Options: Sendable {
        /// Scores strictly below this become cases.
        public var threshold: Double = 6
        /// The top of the scale, shown in titles (`note 4/10`) and used to check scores.
        public var scale: Double = 10
        /// Role → header, from `--columns learner=…,score=…`; the rest is found by header name.
        public var columns: [String: String] = [:]
        /// Import the good rows and list the bad ones instead of refusing the file. A row below
        /// the threshold (a complaint) is never skipped: it refuses the file all the same.
        public var skipBadRows = false
        /// What to do with a respondent whose address no learner lists.
        public var unknownLearner: UnknownLearner = .refuse

        public init() {}
    }

    public enum UnknownLearner: String, Sendable, CaseIterable {
        /// The row is bad: its address must be added to a learner's `emails:` first.
        case refuse
        /// A learner folder is made for the respondent, under a pseudonymous id
        /// (`resp-` and a hash of the address), with the address in its `emails:`.
        case create
    }

    public enum Outcome: Sendable, Equatable {
        case created(String)
        case existing(String)
    }

    public struct Row: Sendable {
        public var line: Int
        public var outcome: Outcome
    }

    public struct Report: Sendable {
        /// Rows that are (or already were) cases, in file order.
        public var rows: [Row]
        public var responses = 0
        public var belowThreshold = 0
        public var atOrAbove = 0
        public var withoutScore = 0
        /// Bad rows left out (only with `skipBadRows`).
        public var skipped: [Diagnostic] = []
        /// Learner folders made for unknown respondents (`--unknown-learner create`).
        public var newLearners: [String] = []
        public var encoding = ""
        public var separator: Character = ";"
        public var commit: CommitResult?

        public var created: Int { rows.filter { if case .created = $0.outcome { true } else { false } }.count }
        public var existing: Int { rows.count - created }
    }

    /// The columns intake reads, with the header names it recognises (compared without case,
    /// accents or punctuation).
    public static let roles: [(role: String, required: Bool, names: [String])] = [
        (
            "learner", true,
            [
                "learner", "learner id", "stagiaire", "id stagiaire", "identifiant stagiaire", "identifiant", "apprenant", "participant",
                "email", "e mail", "courriel", "adresse email", "adresse e mail", "adresse de messagerie", "email address",
            ]
        ),
        ("score", true, ["score", "note", "note globale", "note sur 10", "note de satisfaction", "satisfaction", "rating"]),
        (
            "date", true,
            [
                "date", "date de reponse", "date de la reponse", "horodateur", "horodatage", "timestamp", "submitted at",
                "date de soumission", "response date", "heure de fin", "completion time", "submitted",
            ]
        ),
        ("comment", false, ["comment", "comments", "commentaire", "commentaires", "remarque", "remarques", "verbatim", "suggestions"]),
        ("session", false, ["session", "session de formation", "code session", "training session"]),
        ("id", false, ["response id", "id reponse", "id de reponse", "reponse id", "respondent id", "id"]),
    ]

    public static func run(_ url: URL, label: String, options: Options, context: WriteContext) throws(ReclamError) -> Report {
        let m = Messages(context.ledger.config.language)
        let data: Data
        do { data = try FileSystem.readRegularFile(url, limit: 64 << 20) } catch {
            throw .io(m.format(.cannotRead, label, error.message))
        }
        let table: CSVReader.Table
        do { table = try CSVReader.read(data) } catch {
            throw ReclamError(
                .refused, m.format(.surveyNotCSV, label),
                diagnostics: [Diagnostic(.surveyCSV, error.message(m), file: label, line: error.line)])
        }
        let columns = try mapColumns(table.header.fields, given: options.columns, language: m.language)
        return try context.retryingConflicts { () throws(ReclamError) -> Report in
            try attempt(table, columns: columns, label: label, options: options, context: context)
        }
    }

    /// Role → column index.
    static func mapColumns(_ header: [String], given: [String: String], language: Language = .en) throws(ReclamError) -> [String: Int] {
        let m = Messages(language)
        let known = roles.map(\.role)
        for role in given.keys where !known.contains(role) {
            throw .usage("--columns: unknown column role '\(role)'; the roles are \(known.joined(separator: ", "))")
        }
        let normalisedHeader = header.map(normalise)
        var mapping: [String: Int] = [:]
        for (role, required, names) in roles {
            if let wanted = given[role] {
                guard let index = normalisedHeader.firstIndex(of: normalise(wanted)) else {
                    throw .usage(m.format(.surveyNoSuchColumn, wanted, role, header.map { "'\($0)'" }.joined(separator: ", ")))
                }
                mapping[role] = index
                continue
            }
            // A header equal to a known name, else one starting with a known name's words
            // (`Note globale (sur 10)` is a score, `Date de réponse` a date).
            let taken = Set(mapping.values).union(given.values.compactMap { normalisedHeader.firstIndex(of: normalise($0)) })
            let free = normalisedHeader.indices.filter { !taken.contains($0) }
            let found =
                names.lazy.compactMap { name in free.first { normalisedHeader[$0] == name } }.first
                ?? names.lazy.compactMap { name in free.first { normalisedHeader[$0].hasPrefix(name + " ") } }.first
            if let found {
                mapping[role] = found
            } else if required {
                throw .usage(m.format(.surveyNoColumn, role, header.map { "'\($0)'" }.joined(separator: ", "), role))
            }
        }
        return mapping
    }

    /// `Note globale (sur 10)` → `note globale sur 10`.
    static func normalise(_ text: String) -> String {
        let folded = text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).joined(separator: " ")
    }

    static func attempt(_ table: CSVReader.Table, columns: [String: Int], label: String, options: Options, context: WriteContext)
        throws(ReclamError) -> Report
    {
        let index = try IntakeIndex.load(context.ledger)
        let timeZone = context.ledger.config.timeZone
        let english = context.ledger.config.language == .en
        let m = Messages(context.ledger.config.language)
        var report = Report(rows: [])
        report.encoding = table.encoding
        report.separator = table.separator
        var bad: [Diagnostic] = []
        // Rows below the threshold that cannot be taken in: complaints, never skipped.
        var complaints: [Diagnostic] = []
        // A complaint refused because its respondent's address is no learner's.
        var unknownRespondent = false
        var respondents: [String: String] = [:]
        var planned: [IntakePlannedCase] = []
        var plannedIDs = Set<String>()
        var seen: [String: String] = [:]
        let width = table.header.fields.count
        for record in table.rows {
            report.responses += 1
            var isComplaint = false
            func reject(_ message: String) {
                let finding = Diagnostic(.surveyRow, message, file: label, line: record.line)
                if isComplaint { complaints.append(finding) } else { bad.append(finding) }
            }
            var fields = record.fields
            while fields.count > width, fields.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { fields.removeLast() }
            guard fields.count == width else {
                reject(
                    m.format(
                        .surveyFieldCount, String(fields.count), String(width), table.separator == "\t" ? "\\t" : String(table.separator)))
                continue
            }
            func value(_ role: String) -> String {
                columns[role].map { TextDecoding.clean(fields[$0]).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            }
            let scoreText = value("score")
            if scoreText.isEmpty {
                report.withoutScore += 1
                continue
            }
            guard let score = parseScore(scoreText) else {
                reject(m.format(.surveyBadScore, scoreText))
                continue
            }
            guard score >= 0 && score <= options.scale else {
                reject(m.format(.surveyOutsideScale, scoreText, format(options.scale, english: english)))
                continue
            }
            guard score < options.threshold else {
                report.atOrAbove += 1
                continue
            }
            isComplaint = true
            let learnerText = value("learner")
            let learner: String
            switch resolveLearner(learnerText, index: index, language: m.language) {
            case .success(let found): learner = found
            case .failure(let problem):
                guard let address = problem.unknownAddress, options.unknownLearner == .create else {
                    if problem.unknownAddress != nil { unknownRespondent = true }
                    reject(problem.message)
                    continue
                }
                learner = respondentID(address, index: index)
                if respondents.updateValue(address, forKey: learner) == nil { report.newLearners.append(learner) }
            }
            let dateText = value("date")
            guard let date = SurveyDate.parse(dateText, timeZone: timeZone) else {
                reject(dateText.isEmpty ? m[.surveyEmptyDate] : m.format(.surveyBadDate, dateText))
                continue
            }
            if date.date > context.now.addingTimeInterval(300) {
                reject(m.format(.surveyFutureDate, dateText))
                continue
            }
            let session = value("session")
            let comment = columns["comment"].map { TextDecoding.clean(fields[$0]).trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
            let responseID = value("id")
            let key: String
            if !responseID.isEmpty {
                key = String(IntakeHash.sha256(fields: ["survey-response", responseID]).prefix(32))
            } else {
                let flatComment = comment.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
                key = String(
                    IntakeHash.sha256(
                        fields: ["survey-row", learnerText.lowercased(), session, date.canonical, canonical(score), flatComment]
                    ).prefix(32))
            }
            report.belowThreshold += 1
            if let existing = index.surveyKeys[key] ?? seen[key] {
                report.rows.append(Row(line: record.line, outcome: .existing(existing)))
                continue
            }
            let id = IntakeBatch.newID(received: date.date, index: index, planned: plannedIDs, timeZone: timeZone)
            let title =
                english
                ? "End-of-training survey: score \(format(score, english: true))/\(format(options.scale, english: true))"
                : "Enquête de fin de formation : note \(format(score, english: false))/\(format(options.scale, english: false))"
            var request = NewCaseRequest(learner: learner, title: title, channel: "survey", complainant: "learner")
            let body = IntakeText.markdownBody(comment)
            request.body = body.text.isEmpty ? nil : body.text
            request.extraFields.append(("survey_key", key))
            request.extraFields.append(("score", canonical(score)))
            if !session.isEmpty { request.extraFields.append(("session", TextDecoding.oneLine(session))) }
            planned.append(IntakePlannedCase(id: id, request: request, received: date.date))
            plannedIDs.insert(id)
            seen[key] = id
            report.rows.append(Row(line: record.line, outcome: .created(id)))
        }
        if !complaints.isEmpty {
            let all = (complaints + bad).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
            let lines = complaints.compactMap(\.line).map(String.init).joined(separator: ", ")
            let one = complaints.count == 1
            throw ReclamError(
                .refused,
                m.format(one ? .surveyComplaintRowOne : .surveyComplaintRowMany, String(complaints.count), label, lines)
                    + (unknownRespondent ? m[.surveyUnknownRespondentHint] : ""),
                diagnostics: all)
        }
        if !bad.isEmpty {
            if !options.skipBadRows {
                throw ReclamError(
                    .refused, m.format(bad.count == 1 ? .surveyBadRowOne : .surveyBadRowMany, String(bad.count), label), diagnostics: bad)
            }
            report.skipped = bad.map {
                Diagnostic(.surveyRowSkipped, m.format(.surveyRowSkipped, $0.message), file: $0.file, line: $0.line)
            }
        }
        guard !planned.isEmpty else { return report }
        let summary = "intake-survey: \(IntakeBatch.count(planned.count, "case")) from survey"
        let learnerEmails = respondents.mapValues { [IntakeIndex.normalisedAddress($0)] }
        let change = try IntakeBatch.change(
            planned, summary: summary, source: "survey", index: index, context: context, learnerEmails: learnerEmails)
        report.commit = try context.commit(change)
        return report
    }

    struct LearnerProblem: Error {
        var message: String
        /// Set when the learner is an address no learner lists.
        var unknownAddress: String?
    }

    /// A respondent's pseudonymous learner id: `resp-` and the first digits of a hash of the
    /// address, the same on every run; the address itself stays out of paths and commits.
    static func respondentID(_ address: String, index: IntakeIndex) -> String {
        "resp-" + IntakeHash.sha256(fields: ["survey-respondent", IntakeIndex.normalisedAddress(address)]).prefix(12)
    }

    /// A learner id as is (lowercased), or an address found in the learners' `emails:` lists.
    static func resolveLearner(_ text: String, index: IntakeIndex, language: Language = .en) -> Result<String, LearnerProblem> {
        let m = Messages(language)
        if text.isEmpty { return .failure(LearnerProblem(message: m[.surveyEmptyLearner])) }
        if text.contains("@") {
            let matches = index.learnersByEmail[IntakeIndex.normalisedAddress(text)] ?? []
            if matches.count == 1 { return .success(matches[0]) }
            if matches.isEmpty {
                return .failure(
                    LearnerProblem(message: m.format(.surveyUnknownAddress, text), unknownAddress: text))
            }
            return .failure(
                LearnerProblem(message: m.format(.surveySeveralLearners, text, matches.joined(separator: ", "))))
        }
        let id = text.lowercased()
        if let problem = Identifier.problem(id) { return .failure(LearnerProblem(message: m.format(.surveyBadLearner, problem))) }
        return .success(id)
    }

    /// `4`, `5,5`, `5.5`, `4/10`.
    static func parseScore(_ text: String) -> Double? {
        var number = text.replacingOccurrences(of: "\u{A0}", with: "").replacingOccurrences(of: " ", with: "")
        if let slash = number.firstIndex(of: "/") { number = String(number[..<slash]) }
        guard let value = FieldType.number(number), value.isFinite else { return nil }
        return value
    }

    /// `5.5`, `4`: the score as stored in the case.
    static func canonical(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// `5,5` in French, `5.5` in English, `4` either way.
    static func format(_ value: Double, english: Bool) -> String {
        let text = canonical(value)
        return english ? text : text.replacingOccurrences(of: ".", with: ",")
    }
}

/// The dates spreadsheets write: ISO (`2026-11-10`, `2026-11-10 14:03[:27]`, with an optional
/// offset) and day first (`10/11/2026`, `10.11.2026`, `10-11-26`, with an optional time).
/// A date without a time is the start of that day in the ledger's time zone; a time without an
/// offset is a wall-clock time there.
enum SurveyDate {
    struct Parsed {
        var date: Date
        /// A stable text for the response key: `2026-11-10` or `2026-11-10T14:03:27`.
        var canonical: String
    }

    // ASCII digits only: `\d` would take any script's digits, which `Int` does not read.
    static let iso = try! NSRegularExpression(
        pattern: #"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})"#
            + #"(?:[T ]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?)?\s*(Z|[+-][0-9]{2}(?::?[0-9]{2})?)?$"#)
    static let dayFirst = try! NSRegularExpression(
        pattern: #"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})(?:[ T]+([0-9]{1,2})[:h]([0-9]{2})(?::([0-9]{2}))?)?$"#)
    /// Survey exports start with the digital age; an earlier year is a typing or export error.
    static let earliestYear = 1970

    static func parse(_ text: String, timeZone: TimeZone) -> Parsed? {
        let text = text.trimmingCharacters(in: .whitespaces)
        let range = NSRange(text.startIndex..., in: text)
        func group(_ match: NSTextCheckingResult, _ index: Int) -> String? {
            Range(match.range(at: index), in: text).map { String(text[$0]) }
        }
        func number(_ match: NSTextCheckingResult, _ index: Int, default value: Int? = nil) -> Int? {
            group(match, index).flatMap { Int($0) } ?? value
        }
        var parts: [Int?]
        var time: (Int, Int, Int)?
        var offset: String?
        let match: NSTextCheckingResult
        if let found = iso.firstMatch(in: text, range: range) {
            match = found
            parts = [number(match, 1), number(match, 2), number(match, 3)]
            offset = group(match, 7)
        } else if let found = dayFirst.firstMatch(in: text, range: range) {
            match = found
            parts = [number(match, 3).map { $0 < 100 ? $0 + 2000 : $0 }, number(match, 2), number(match, 1)]
        } else {
            return nil
        }
        guard let year = parts[0], let month = parts[1], let day = parts[2], year >= earliestYear else { return nil }
        if group(match, 4) != nil {
            guard let hour = number(match, 4), let minute = number(match, 5), let second = number(match, 6, default: 0) else { return nil }
            time = (hour, minute, second)
        }
        guard let civil = CivilDate(year: year, month: month, day: day) else { return nil }
        let clock = LocalClock(timeZone: timeZone)
        guard let (hour, minute, second) = time else { return Parsed(date: clock.startOfDay(civil), canonical: civil.description) }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        let canonicalTime = civil.description + String(format: "T%02d:%02d:%02d", hour, minute, second)
        if let offset {
            let iso = canonicalTime + (offset == "Z" ? "Z" : normaliseOffset(offset))
            guard let parsed = ISODateTime.parse(iso) else { return nil }
            return Parsed(date: parsed.date, canonical: iso)
        }
        return Parsed(
            date: clock.instant(civil, minute: hour * 60 + minute).addingTimeInterval(TimeInterval(second)), canonical: canonicalTime)
    }

    /// `+01` → `+01:00`, `+0100` → `+01:00`.
    static func normaliseOffset(_ offset: String) -> String {
        let digits = offset.dropFirst().filter(\.isNumber)
        let hours = digits.prefix(2)
        let minutes = digits.count > 2 ? digits.dropFirst(2) : "00"
        return "\(offset.prefix(1))\(hours):\(minutes)"
    }
}
