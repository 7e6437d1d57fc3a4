import Foundation
import Testing

/// A small team's day (issue 16): a French ledger speaks French, spreadsheets open in French
/// Excel, and `list`, `sla` and `agenda` answer "what must I do today?".
@Suite struct DayEndToEndTests {
    func expectOK(_ result: Shell.Result, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "\(what) failed (\(result.status)): \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// Words of the English interface that a French reader must never meet. User data (rule
    /// names, titles) is chosen so that it contains none of them.
    static let englishWords = [
        "met", "breached", "running", "paused", "at-risk", "met-late", "late", "hours", "hour", "working", "days", "none", "received",
        "Received", "Stage", "STAGE", "LEARNER", "RECEIVED", "TITLE", "CASE", "RULE", "STATE", "DUE", "USED", "LEFT", "Learner",
        "Count", "Cases", "By", "Period", "Month", "Rate", "Median", "Complaints", "Channel", "Owner", "Closed", "Response",
        "Improvement", "Trends", "yes", "no", "low", "medium", "high", "regional", "email", "learner",
        "Acknowledged", "Investigating", "of", "SLA", "clocks", "case",
    ]

    /// The English words found in `text`, whole words only (letters, digits and hyphens).
    static func englishWords(in text: String) -> [String] { Fixture.words(englishWords, foundIn: text) }

    /// A case file as the moves write it; `steps` are (stage, at) pairs.
    static func caseFile(
        _ id: String, learner: String, received: String, steps: [(String, String)] = [], fields: [String] = [],
        channel: String = "email"
    ) -> String {
        Fixture.caseFile(
            id, learner: learner, title: "Attestation manquante", received: received, steps: steps, fields: fields, channel: channel)
    }

    /// A training ledger (French) with rule names that are French words, and cases in every
    /// situation on 16 November 2026 (RECLAM_NOW): one closed, one answered late, one
    /// overdue with Claire, one running with Thomas, one just received and unassigned. The
    /// answer is due in 10 working days, the acknowledgement in 1.
    func dayLedger(_ shell: Shell, language: String = "fr") throws {
        try shell.initLedger()
        var settings = try shell.read("reclam.yml")
        settings = settings.replacingOccurrences(of: "- name: acknowledgement", with: "- name: accuse")
            .replacingOccurrences(of: "- name: answer", with: "- name: reponse")
            .replacingOccurrences(of: "duration: 48 hours", with: "duration: 10 jours ouvrés")
        if language == "en" { settings = settings.replacingOccurrences(of: "language: fr", with: "language: en") }
        try shell.write("reclam.yml", settings)
        let answered = [
            "owner: Claire Martin", "findings: Constat", "solution: Renvoi", "solution_type: compensation", "response_channel: email",
            "satisfaction: satisfied", "no_action_reason: Cas isolé",
        ]
        try shell.write(
            "cases/stg-1/20261002-aaaa.md",
            Self.caseFile(
                "20261002-aaaa", learner: "stg-1", received: "2026-10-02T09:00:00+02:00",
                steps: [
                    ("acknowledged", "2026-10-02T10:00:00+02:00"), ("assigned", "2026-10-02T11:00:00+02:00"),
                    ("investigating", "2026-10-02T12:00:00+02:00"), ("solution-decided", "2026-10-05T12:00:00+02:00"),
                    ("responded", "2026-10-06T12:00:00+02:00"), ("follow-up", "2026-10-20T12:00:00+02:00"),
                    ("closed", "2026-10-21T12:00:00+02:00"),
                ], fields: answered))
        try shell.write(
            "cases/stg-2/20261012-bbbb.md",
            Self.caseFile(
                "20261012-bbbb", learner: "stg-2", received: "2026-10-12T09:00:00+02:00",
                steps: [
                    ("acknowledged", "2026-10-19T10:00:00+02:00"), ("assigned", "2026-10-19T11:00:00+02:00"),
                    ("investigating", "2026-10-19T12:00:00+02:00"), ("solution-decided", "2026-11-02T12:00:00+01:00"),
                    ("responded", "2026-11-03T12:00:00+01:00"),
                ], fields: Array(answered.prefix(5)), channel: "phone"))
        try shell.write(
            "cases/stg-3/20261020-cccc.md",
            Self.caseFile(
                "20261020-cccc", learner: "stg-3", received: "2026-10-20T09:00:00+02:00",
                steps: [
                    ("acknowledged", "2026-10-20T10:00:00+02:00"), ("assigned", "2026-10-20T11:00:00+02:00"),
                    ("investigating", "2026-10-20T12:00:00+02:00"),
                ], fields: ["owner: Claire Martin"]))
        try shell.write(
            "cases/stg-4/20261112-dddd.md",
            Self.caseFile(
                "20261112-dddd", learner: "stg-4", received: "2026-11-12T09:00:00+01:00",
                steps: [("acknowledged", "2026-11-12T10:00:00+01:00"), ("assigned", "2026-11-12T11:00:00+01:00")],
                fields: ["owner: Thomas Girard"]))
        try shell.write(
            "cases/stg-5/20261116-eeee.md",
            Self.caseFile("20261116-eeee", learner: "stg-5", received: "2026-11-16T08:00:00+01:00"))
        #expect(try shell.reclam("check").status == 0, "the day's ledger is valid")
        try shell.commitWrittenFiles("Cases of the day")
    }

    // MARK: French through and through

    @Test func aFrenchLedgerShowsNoEnglishWord() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        var outputs: [(String, String)] = []
        for arguments in [
            ["list"], ["list", "--open"], ["sla"], ["report"], ["report", "--format", "html"], ["register"],
            ["register", "--format", "csv"], ["register", "--format", "html"], ["learner", "stg-2"],
            ["learner", "stg-1", "--format", "html"], ["agenda"], ["trends"], ["action", "list"], ["plan"],
        ] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            #expect(result.status == 0 || arguments == ["sla"], "\(arguments) failed: \(result.stderr)")
            outputs.append((arguments.joined(separator: " "), result.stdout))
            if arguments == ["sla"] {
                outputs.append(("sla (summary)", result.stderr.components(separatedBy: "\n").last { !$0.isEmpty } ?? ""))
            }
        }
        for (command, text) in outputs {
            // Markup and stable ids in HTML attributes are not read as words: drop the tags.
            let readable = text.replacingOccurrences(of: "<style>[^<]*</style>", with: " ", options: .regularExpression)
                .replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
            #expect(Self.englishWords(in: readable).isEmpty, "\(command) speaks English: \(Self.englishWords(in: readable))\n\(text)")
        }
        let sla = try shell.reclam("sla").stdout
        #expect(sla.contains("dépassé"), "\(sla)")
        #expect(sla.contains("respecté en retard"), "\(sla)")
        #expect(sla.contains("en retard de "), "\(sla)")
        #expect(sla.contains("jours ouvrés"), "\(sla)")
        #expect(sla.contains("ÉTAT"), "\(sla)")
        let register = try shell.reclam("register").stdout
        #expect(register.contains("téléphone"), "\(register)")
        #expect(register.contains("stagiaire"), "\(register)")
        let sheet = try shell.reclam("learner", "stg-1").stdout
        #expect(sheet.contains("satisfait") && sheet.contains("compensation"), "\(sheet)")
    }

    /// The test above must be able to fail: the same ledger in English is caught by it.
    @Test func theEnglishWordScanCatchesAnEnglishLedger() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell, language: "en")
        let sla = try shell.reclam("sla").stdout
        #expect(Self.englishWords(in: sla).contains("breached"), "\(sla)")
        #expect(sla.contains("late "), "\(sla)")
        #expect(sla.contains("working day"), "\(sla)")
        let list = try shell.reclam("list").stdout
        #expect(list.hasPrefix("ID ") && list.contains("LEARNER  RECEIVED"), "\(list)")
        #expect(list.contains("Investigating"), "\(list)")
    }

    /// Lateness in the rule's own unit: days for a rule in days, hours for a rule in hours.
    @Test func latenessIsInTheRulesUnit() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        let settings = try shell.read("reclam.yml")
        try shell.write("reclam.yml", settings.replacingOccurrences(of: "duration: 1 working day", with: "duration: 48 hours"))
        let sla = try shell.reclam("sla", "--rule", "accuse").stdout
        // 20261012-bbbb: received on Monday 12 October 09:00, acknowledged a week later, 10:00.
        #expect(sla.contains("en retard de 121 h"), "\(sla)")
        #expect(!sla.contains("hours"), "\(sla)")
        let answer = try shell.reclam("sla", "--rule", "reponse", "--format", "json").stdout
        #expect(answer.contains("\"state\":\"breached\"") || answer.contains("\"state\": \"breached\""), "JSON keeps the ids: \(answer)")
    }

    @Test func frenchValuesAreAcceptedAndStoredAsIds() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger(procedure: "network")
        let id = try shell.newCase()
        let qualified = try shell.reclam("qualify", id, "--set", "in_scope=oui", "--set", "risk=élevé", "--set", "level=Régional")
        expectOK(qualified, "qualify with French values")
        let path = "cases/stg-1/\(id).md"
        let text = try shell.read(path)
        #expect(text.contains("in_scope: \"yes\"\n") && text.contains("risk: high\n") && text.contains("level: regional\n"), "\(text)")
        // The journal is French: the reception and the move with the stages' labels.
        #expect(text.contains(" — Claire Martin — réclamation reçue (Reçue)\n"), "\(text)")
        #expect(text.contains(" — Claire Martin — Reçue → Qualifiée\n"), "\(text)")
        // A word that is neither an id nor a label is still refused, with the ids listed.
        let other = try shell.newCase(title: "Autre")
        let refused = try shell.reclam("qualify", other, "--set", "in_scope=peut-être", "--set", "risk=faible", "--set", "level=local")
        #expect(refused.status == 2, "\(refused.stderr)")
        #expect(refused.stderr.contains("yes, no"), "\(refused.stderr)")
        #expect(try shell.reclam("check").status == 0)
    }

    // MARK: Spreadsheets

    @Test func csvUsesTheLedgersSeparatorAndOutputFiles() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        let register = try shell.reclam("register", "--format", "csv")
        expectOK(register, "register csv")
        let header = register.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("\"Référence\";\"Reçue le\""), "\(header)")
        let comma = try shell.reclam("register", "--format", "csv", "--separator", "comma").stdout
        #expect(comma.contains("\"Référence\",\"Reçue le\""), "\(comma)")
        let list = try shell.reclam("list", "--format", "csv").stdout
        #expect(list.contains("\"Référence\";\"Stagiaire\""), "\(list)")
        let plan = try shell.reclam("plan", "--format", "csv").stdout
        #expect(plan.contains(";"), "\(plan)")

        for (arguments, file) in [
            (["register", "--format", "csv", "-o", "../registre.csv"], "registre.csv"),
            (["list", "--format", "csv", "-o", "../liste.csv"], "liste.csv"),
            (["plan", "-o", "../plan.md"], "plan.md"), (["action", "list", "--format", "csv", "-o", "../actions.csv"], "actions.csv"),
            (["trends", "--format", "md", "-o", "../tendances.md"], "tendances.md"),
            (["learner", "stg-1", "-o", "../fiche.md"], "fiche.md"), (["agenda", "-o", "../agenda.txt"], "agenda.txt"),
        ] {
            let result = try shell.run(Shell.reclam, arguments, in: "ledger")
            expectOK(result, arguments.joined(separator: " "))
            #expect(result.stdout.isEmpty, "\(arguments): nothing on standard output")
            let written = try String(contentsOf: shell.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(!written.isEmpty, "\(file) written")
        }
        let written = try String(contentsOf: shell.directory.appendingPathComponent("registre.csv"), encoding: .utf8)
        #expect(written.trimmingPrefix("\u{FEFF}") == register.stdout.trimmingPrefix("\u{FEFF}"))
        #expect(try shell.status().isEmpty, "writing a report leaves the ledger untouched")

        let english = try Shell()
        defer { english.remove() }
        try dayLedger(english, language: "en")
        let csv = try english.reclam("register", "--format", "csv").stdout
        #expect(csv.contains("\"Id\",\"Received\""), "\(csv)")
        #expect(try english.reclam("register", "--format", "csv", "--separator", ";").stdout.contains("\"Id\";\"Received\""))
        #expect(try english.reclam("register", "--separator", "pipe").status == 2)
    }

    // MARK: What to do today

    @Test func listFiltersOpenOwnerOverdueAndDueBefore() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        func ids(_ arguments: String...) throws -> [String] {
            let result = try shell.run(Shell.reclam, ["list", "--format", "json"] + arguments, in: "ledger")
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let array = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]] ?? []
            return array.compactMap { $0["id"] as? String }
        }
        #expect(try ids().count == 5)
        #expect(try ids("--open") == ["20261012-bbbb", "20261020-cccc", "20261112-dddd", "20261116-eeee"])
        #expect(try ids("--owner", "Claire Martin") == ["20261002-aaaa", "20261012-bbbb", "20261020-cccc"])
        #expect(try ids("--open", "--owner", "Claire Martin") == ["20261012-bbbb", "20261020-cccc"])
        // cccc's answer fell due on 3 November; eeee's acknowledgement falls due tomorrow.
        #expect(try ids("--overdue") == ["20261020-cccc"])
        #expect(try ids("--due-before", "2026-11-17") == ["20261020-cccc"])
        #expect(try ids("--due-before", "2026-11-18") == ["20261020-cccc", "20261116-eeee"])
        #expect(try ids("--due-before", "2026-12-31") == ["20261020-cccc", "20261112-dddd", "20261116-eeee"])
        #expect(try shell.reclam("list", "--due-before", "demain").status != 0)
        let text = try shell.reclam("list", "--open", "--owner", "Personne").stdout
        #expect(text == "aucune réclamation\n", "\(text)")
    }

    @Test func slaFiltersByStateAndOpenClocks() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        func states(_ arguments: String...) throws -> [String] {
            let result = try shell.run(Shell.reclam, ["sla", "--format", "json"] + arguments, in: "ledger")
            #expect(result.status <= 1, "\(arguments): \(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
            return (object["results"] as? [[String: Any]] ?? []).compactMap { $0["state"] as? String }
        }
        let all = try states()
        #expect(Set(all).isSuperset(of: ["met", "met-late", "breached", "running"]), "\(all)")
        #expect(try states("--state", "breached") == all.filter { $0 == "breached" })
        #expect(Set(try states("--state", "dépassé,en cours")) == ["breached", "running"])
        #expect(try states("--open").allSatisfy { $0 != "met" && $0 != "met-late" })
        #expect(try states("--open").count == all.filter { $0 != "met" && $0 != "met-late" }.count)
        let bad = try shell.reclam("sla", "--state", "late")
        #expect(bad.status == 2 && bad.stderr.contains("met-late"), "\(bad.stderr)")
        // Only met clocks shown: nothing breached among them, so the command succeeds.
        #expect(try shell.reclam("sla", "--state", "met").status == 0)
    }

    @Test func agendaListsEachOwnersNextStepsOldestFirst() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try dayLedger(shell)
        let agenda = try shell.reclam("agenda")
        expectOK(agenda, "agenda")
        let text = agenda.stdout
        let claire = try #require(text.range(of: "Responsable : Claire Martin"))
        let thomas = try #require(text.range(of: "Responsable : Thomas Girard"))
        let nobody = try #require(text.range(of: "Responsable : (sans responsable)"))
        #expect(claire.lowerBound < thomas.lowerBound && thomas.lowerBound < nobody.lowerBound, "\(text)")
        #expect(text.contains("reclam decide 20261020-cccc"), "\(text)")
        #expect(text.contains("reclam investigate 20261112-dddd"), "\(text)")
        #expect(text.contains("reclam ack 20261116-eeee"), "\(text)")
        #expect(!text.contains("20261002-aaaa") && !text.contains("20261012-bbbb"), "closed or answered cases have nothing due: \(text)")
        #expect(text.contains("dépassé"), "\(text)")

        let json = try shell.reclam("agenda", "--format", "json").stdout
        let items = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
        let dues = items.compactMap { $0["due"] as? String }
        #expect(items.count == 3 && dues == dues.sorted(), "\(json)")
        #expect(items.first?["command"] as? String == "reclam decide 20261020-cccc", "\(json)")
        #expect(items.first?["state"] as? String == "breached", "\(json)")

        let mine = try shell.reclam("agenda", "--owner", "Thomas Girard").stdout
        #expect(mine.contains("20261112-dddd") && !mine.contains("20261020-cccc"), "\(mine)")
        // The command it names runs.
        expectOK(try shell.reclam("investigate", "20261112-dddd"), "the agenda's command")
        #expect(try shell.reclam("agenda", "--owner", "Personne").stdout == "Rien à faire : aucune étape à venir.\n")
    }
}
