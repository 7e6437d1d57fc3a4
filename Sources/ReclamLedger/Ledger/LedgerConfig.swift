import Foundation
import ReclamCore
import ReclamGit

/// The ledger's settings, read from `reclam.yml`.
public struct LedgerConfig: Sendable {
    public static let fileName = "reclam.yml"

    public var organisation: String
    public var language: Language
    public var timeZone: TimeZone
    public var procedure: Procedure
    /// The business calendar of `calendar:` in the ledger's `timezone`.
    public var calendar: BusinessCalendar
    /// Every SLA rule of `sla:`, each version of an amended rule included.
    public var slaRules: [SLARule] = []
    /// Errors in `timezone`, `calendar` or `sla`. Deadlines computed despite them would be
    /// wrong without saying so, hence commands that compute deadlines refuse to run.
    public var deadlineErrors: [Diagnostic] = []
    /// Sections read by later layers (calendar, SLA rules, audit), kept as written.
    public var calendarNode: YAMLNode?
    public var slaNode: YAMLNode?
    public var root: YAMLNode?
    /// How `reclam send` delivers the outbox (`mail:`); nil when absent or invalid.
    public var mail: MailSettings?
    /// Staff and their addresses (`people:`), for reminders.
    public var people: [Person] = []

    public init(
        organisation: String, language: Language = .fr, timeZone: TimeZone = TimeZone(identifier: "Europe/Paris")!, procedure: Procedure
    ) {
        self.organisation = organisation
        self.language = language
        self.timeZone = timeZone
        self.procedure = procedure
        self.calendar = .standard(timeZone: timeZone)
    }

    static let knownKeys = [
        "organisation", "language", "timezone", "calendar", "procedure", "sla", "audit", "actions", "trends", "intake", "mail", "people",
        "serve", "sites",
    ]

    /// The language a reclam.yml that does not parse asks for: English only with a line
    /// `language: en`, French (the default) otherwise.
    static func declaredLanguage(_ text: String) -> Language {
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.prefix { $0 != "#" }.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\t", with: "")
        }
        return lines.contains { ["language:en", "language:'en'", "language:\"en\""].contains($0) } ? .en : .fr
    }

    /// Reads the settings; problems are returned as diagnostics against `reclam.yml`, and a
    /// usable configuration is returned whenever the procedure could be read.
    public static func read(_ data: Data) -> (LedgerConfig?, [Diagnostic]) {
        let file = fileName
        let text: TextFile
        do { text = try TextFile.decode(data) } catch {
            let m = Messages(declaredLanguage(String(decoding: data, as: UTF8.self)))
            return (nil, [Diagnostic(error.rule, m.fileProblem(error), file: file, at: error.location)])
        }
        let root: YAMLNode?
        do { root = try YAMLReader.read(text.text) } catch {
            let m = Messages(declaredLanguage(text.text))
            return (nil, [Diagnostic(error.rule, m.yamlProblem(error), file: file, at: error.location)])
        }
        let m = Messages(root?["language"]?.scalar.flatMap(Language.init(rawValue:)) ?? .fr)
        var reader = NodeReader(file: file, language: m.language)
        guard let root, root.pairs != nil else {
            reader.error(.configInvalid, m[.configMapping], at: root?.start ?? SourceLocation(line: 1, column: 1))
            return (nil, reader.diagnostics)
        }
        for pair in root.pairs ?? [] where !knownKeys.contains(pair.key) {
            var message = m.format(.configUnknownSetting, pair.key)
            if let s = Suggestion.closest(to: pair.key, in: knownKeys) { message += m.format(.checkDidYouMean, s) }
            reader.warning(.configUnknownKey, message, at: pair.keyStart)
        }
        let organisation = reader.text(root, "organisation", required: true) ?? ""
        var language = Language.fr
        if let node = root["language"] {
            if let value = node.scalar, let parsed = Language(rawValue: value) {
                language = parsed
            } else {
                reader.error(.configInvalid, m[.configLanguage], at: node.start)
            }
        }
        var timeZone = TimeZone(identifier: "Europe/Paris")!
        let beforeDeadlineSettings = reader.diagnostics.count
        if let node = root["timezone"] {
            if let value = node.scalar, let zone = TimeZone(identifier: value) {
                timeZone = zone
            } else {
                reader.error(.configInvalid, m.format(.configTimezone, node.scalar ?? ""), at: node.start)
            }
        }
        let calendar = CalendarSettingsReader.read(root["calendar"], timeZone: timeZone, reader: &reader)
        var deadlineDiagnostics = Array(reader.diagnostics[beforeDeadlineSettings...])
        var procedure: Procedure?
        if let node = root["procedure"] {
            procedure = ProcedureReader.read(node, reader: &reader)
        } else {
            reader.error(.configInvalid, m[.configNoProcedure], at: SourceLocation(line: 1, column: 1))
        }
        let beforeSLA = reader.diagnostics.count
        let slaRules = SLARuleReader.read(root["sla"], procedure: procedure, reader: &reader)
        deadlineDiagnostics += reader.diagnostics[beforeSLA...]
        let mail = MailSettingsReader.read(root["mail"], reader: &reader)
        let people = MailSettingsReader.readPeople(root["people"], reader: &reader)
        guard let procedure else { return (nil, reader.diagnostics) }
        var config = LedgerConfig(organisation: organisation, language: language, timeZone: timeZone, procedure: procedure)
        config.calendar = calendar
        config.slaRules = slaRules
        config.deadlineErrors = deadlineDiagnostics.filter { $0.severity == .error }
        config.calendarNode = root["calendar"]
        config.slaNode = root["sla"]
        config.root = root
        config.mail = mail
        config.people = people
        return (config, reader.diagnostics)
    }
}
