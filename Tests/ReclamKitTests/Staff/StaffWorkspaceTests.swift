import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamLedger
@testable import ReclamOutput

/// The staff workspace's settings, its users file, and the board its pages are made from.
@Suite struct StaffWorkspaceTests {
    func config(_ serve: String) throws -> LedgerConfig {
        let (config, diagnostics) = LedgerConfig.read(Data("organisation: X\nprocedure: training\n\(serve)".utf8))
        #expect(!diagnostics.hasErrors, "\(diagnostics)")
        return try #require(config)
    }

    @Test func staffWordsHaveEveryKeyInBothLanguagesAndOneCatalogueEach() {
        #expect(Set(StaffTexts.french.keys) == Set(StaffTexts.english.keys))
        #expect(Set(StaffTexts.editFrench.keys) == Set(StaffTexts.editEnglish.keys))
        #expect(Set(StaffTexts.french.keys).isDisjoint(with: StaffTexts.editFrench.keys), "a key in both hides one of its texts")
        #expect(StaffTexts(.fr)["stale"].hasPrefix("Rechargez"))
        #expect(StaffTexts(.en)["e_assign"] == "Reassign")
        #expect(StaffTexts(.en)["no-such-word"] == "no-such-word")
    }

    @Test func staffSettingsDefaultsValuesAndFindings() throws {
        let defaults = ServeSettings.read(try config(""))
        #expect(defaults.staffPrefix == "/equipe" && defaults.usersFile == "users.yml" && defaults.sessionIdleMinutes == 30)
        let set = ServeSettings.read(try config("serve:\n  staff_prefix: /bureau/\n  users_file: secrets/users.yml\n  session_idle: 90\n"))
        #expect(set.diagnostics.isEmpty, "\(set.diagnostics.map(\.message))")
        #expect(set.staffPrefix == "/bureau" && set.usersFile == "secrets/users.yml" && set.sessionIdleMinutes == 90)
        let bad = ServeSettings.read(try config("serve:\n  staff_prefix: equipe\n  users_file: ../users.yml\n  session_idle: 2\n"))
        let messages = bad.diagnostics.map(\.message)
        #expect(bad.diagnostics.filter { $0.severity == .error }.count == 3, "\(messages)")
        #expect(messages.contains { $0.contains("serve.staff_prefix 'equipe'") })
        #expect(messages.contains { $0.contains("serve.users_file '../users.yml'") })
        #expect(bad.staffPrefix == "/equipe" && bad.usersFile == "users.yml")
        #expect(
            ServeSettings.read(try config("serve:\n  staff_prefix: /suivi\n")).diagnostics.hasErrors, "the front door's paths are taken")
    }

    @Test func usersFileRoundTripsQuotedTextAndRefusesBrokenEntries() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("staff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("users.yml")
        #expect(try StaffUsers.read(at: url).users.isEmpty, "no file, no users")
        let users = StaffUsers(users: [
            StaffUser(id: "marie", name: "Marie \"Mimi\" Dupont: #1", email: "marie@example.org", role: .staff, passwordHash: "$2b$11$abc"),
            StaffUser(id: "rita", name: "Rita", email: "rita@example.org", role: .reviewer, passwordHash: "$2b$11$def"),
        ])
        try users.write(to: url)
        #expect(try StaffUsers.read(at: url).users == users.users)
        #expect(users.user("rita")?.role.mayAct == false && users.user("marie")?.actor == "Marie \"Mimi\" Dupont: #1 <marie@example.org>")
        try "users:\n  - id: marie\n    name: M\n    role: admin\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ReclamError.self) { try StaffUsers.read(at: url) }
        #expect(StaffUsers.problem(name: "Marie", email: "not-an-address") != nil)
        #expect(StaffUsers.problem(name: "Marie <x>", email: "m@example.org") != nil)
        #expect(StaffUsers.problem(name: "Marie", email: "m@example.org") == nil)
    }
}

extension StaffWorkspaceTests {
    /// Three open cases and a closed one, as of Monday 16 November 2026 at 10:00.
    func board() throws -> CaseBoard {
        let config = try SLAFixture.training()
        let cases = [
            try SLAFixture.item("20261113-aaaa", received: "2026-11-13T18:00:00+01:00", fields: ["owner": "marie"]),
            try SLAFixture.item("20261116-bbbb", learner: "stg-2", received: "2026-11-16T08:00:00+01:00", fields: ["owner": "marie"]),
            try SLAFixture.item("20261115-cccc", received: "2026-11-15T09:00:00+01:00"),
            try SLAFixture.item(
                "20261101-dddd", received: "2026-11-02T09:00:00+01:00",
                steps: [("acknowledged", "2026-11-02T10:00:00+01:00"), ("closed", "2026-11-03T10:00:00+01:00")],
                fields: ["owner": "paul"]),
        ]
        return CaseBoard.make(cases, config: config, asOf: try SLAFixture.instant("2026-11-16T10:00:00+01:00"))
    }

    @Test func agendaGroupsOpenCasesPerOwnerOldestDeadlineFirst() throws {
        let board = try board()
        let agenda = board.agenda()
        #expect(agenda.map(\.owner) == ["marie", ""], "the closed case's owner has nothing to do")
        #expect(agenda[0].cases.map(\.id) == ["20261113-aaaa", "20261116-bbbb"])
        #expect(board.slaCounts()[.breached, default: 0] >= 1)
        #expect(board.newestIntakes().map(\.id) == ["20261116-bbbb", "20261115-cccc", "20261113-aaaa", "20261101-dddd"])
    }

    @Test func filtersAndSortsAsTheListAsks() throws {
        let board = try board()
        var filter = CaseBoard.Filter()
        filter.openOnly = true
        #expect(board.filtered(filter).map(\.id) == ["20261113-aaaa", "20261115-cccc", "20261116-bbbb"])
        filter.owner = "marie"
        #expect(board.filtered(filter, sort: .id, descending: true).map(\.id) == ["20261116-bbbb", "20261113-aaaa"])
        var learner = CaseBoard.Filter()
        learner.learner = "stg-2"
        #expect(board.filtered(learner).map(\.id) == ["20261116-bbbb"])
        var words = CaseBoard.Filter()
        words.text = "ATTESTATION recue"
        #expect(board.filtered(words).count == 4, "case and accents do not matter")
        words.text = "chauffage"
        #expect(board.filtered(words).isEmpty)
        var overdue = CaseBoard.Filter()
        overdue.overdue = true
        #expect(board.filtered(overdue).map(\.id).contains("20261113-aaaa"))
        #expect(!board.filtered(overdue).map(\.id).contains("20261116-bbbb"))
    }
}
