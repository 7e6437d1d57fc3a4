import Foundation
import Testing

/// A bare repository as the team's remote and clones of it, synced with `reclam sync`; the
/// git CLI is the witness of what each clone holds.
@Suite struct SyncEndToEndTests {
    /// `reclam init` in `a`, a bare `remote.git`, and `others` cloned from it.
    func team(_ shell: Shell, others: [String]) throws {
        // Shell.read and write take paths from "ledger"; the clones sit beside it.
        try FileManager.default.createDirectory(at: shell.directory.appendingPathComponent("ledger"), withIntermediateDirectories: true)
        #expect(try shell.run("/usr/bin/git", ["init", "-q", "--bare", "-b", "main", "remote.git"]).status == 0)
        #expect(try shell.reclam("init", "a", in: nil).status == 0)
        try shell.git("remote", "add", "origin", "../remote.git", in: "a")
        let first = try shell.reclam("sync", in: "a")
        #expect(first.status == 0, "\(first.stderr)")
        for clone in others {
            #expect(try shell.run("/usr/bin/git", ["clone", "-q", "remote.git", clone]).status == 0)
            #expect(try shell.reclam("hooks", "install", in: clone).status == 0)
        }
    }

    func head(_ shell: Shell, _ clone: String) throws -> String {
        try shell.git("rev-parse", "HEAD", in: clone).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func conflictIsListedResolvedAndSynced() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try team(shell, others: ["b"])
        shell.environment["RECLAM_NOW"] = "2026-11-16T09:00:00+01:00"
        let id = try shell.reclam(
            "new", "--learner", "stg-1", "--title", "Attestation", "--channel", "email", "--complainant", "learner", in: "a"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.reclam("move", id, "acknowledged", in: "a").status == 0)
        #expect(try shell.reclam("sync", in: "a").status == 0)
        #expect(try shell.reclam("sync", in: "b").status == 0)

        shell.environment["RECLAM_NOW"] = "2026-11-16T10:00:00+01:00"
        #expect(try shell.reclam("assign", id, "--to", "Karim Benali", in: "a").status == 0)
        let pushed = try shell.reclam("sync", in: "a")
        #expect(pushed.stdout.contains("envoyé : assign(\(id)): acknowledged -> assigned"))
        shell.environment["RECLAM_ACTOR"] = "Sophie Lefevre <sophie@example.org>"
        shell.environment["RECLAM_NOW"] = "2026-11-16T10:05:00+01:00"
        #expect(try shell.reclam("assign", id, "--to", "Sophie Lefevre", in: "b").status == 0)

        let stopped = try shell.reclam("sync", in: "b")
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("cases/stg-1/\(id).md"))
        #expect(stopped.stdout.contains("reçu : assign(\(id)): acknowledged -> assigned (Claire Martin)"))

        let conflicts = try shell.reclam("conflicts", in: "b")
        #expect(conflicts.status == 1)
        #expect(
            conflicts.stdout.contains(
                "\(id)  champ owner : chez nous Sophie Lefevre (Sophie Lefevre) / chez eux Karim Benali (Claire Martin)"),
            "\(conflicts.stdout)")
        let check = try shell.reclam("check", in: "b")
        #expect(check.status == 1)
        #expect(check.stdout.contains("[merge-conflict]"))
        #expect(!check.stdout.contains("[yaml-syntax]"))
        for command in ["list", "sla", "report", "register", "trends"] {
            let read = try shell.reclam(command, in: "b")
            #expect(read.status == 2, "\(command) must exit 2 on an unreadable case")
            #expect(read.stderr.contains("cases/stg-1/\(id).md"), "\(command): \(read.stderr)")
        }

        let resolved = try shell.reclam("resolve", id, "--take", "theirs", in: "b")
        #expect(resolved.status == 0, "\(resolved.stderr)")
        #expect(try shell.reclam("conflicts", in: "b").status == 0)
        let merged = try shell.reclam("sync", in: "b")
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(try shell.reclam("sync", in: "a").status == 0)
        #expect(try head(shell, "a") == head(shell, "b"))
        #expect(try shell.git("rev-parse", "HEAD^2", in: "a").status == 0, "the merge is a merge commit")
        #expect(try shell.read("../a/cases/stg-1/\(id).md").contains("owner: Karim Benali"))
        #expect(try shell.reclam("check", in: "a").status == 0)
        #expect(try shell.git("status", "--porcelain", in: "b").stdout.isEmpty)
        #expect(try shell.git("fsck", "--strict", in: "a").status == 0)
    }

    /// A field set to two values on two clones, in a case and in an action: `reclam plan` exits 2
    /// naming the action file, `reclam resolve --set` writes a third value, and sync goes on.
    @Test func resolveSetsAThirdValueInCasesAndActions() throws {
        var shell = try Shell()
        defer { shell.remove() }
        try team(shell, others: ["b"])
        let id = try shell.reclam(
            "new", "--learner", "stg-1", "--title", "Attestation", "--channel", "email", "--complainant", "learner", in: "a"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let action = try shell.reclam("action", "new", "--title", "Contrôle", "--kind", "corrective", "--cases", id, in: "a").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.reclam("sync", in: "a").status == 0)
        #expect(try shell.reclam("sync", in: "b").status == 0)
        #expect(try shell.reclam("set", id, "category=pedagogy", in: "a").status == 0)
        #expect(try shell.reclam("action", "move", action, "in-progress", "--set", "owner=Claire Martin", in: "a").status == 0)
        #expect(try shell.reclam("sync", in: "a").status == 0)
        shell.environment["RECLAM_ACTOR"] = "Sophie Lefevre <sophie@example.org>"
        #expect(try shell.reclam("set", id, "category=administrative", in: "b").status == 0)
        #expect(try shell.reclam("action", "move", action, "in-progress", "--set", "owner=Sophie Lefevre", in: "b").status == 0)
        #expect(try shell.reclam("sync", in: "b").status == 1)

        let conflicts = try shell.reclam("conflicts", in: "b").stdout
        #expect(
            conflicts.contains("\(id)  champ category : chez nous administrative (Sophie Lefevre) / chez eux pedagogy (Claire Martin)"))
        #expect(
            conflicts.contains(
                "\(action)  champ owner : chez nous Sophie Lefevre (Sophie Lefevre) / chez eux Claire Martin (Claire Martin)"))
        let plan = try shell.reclam("plan", in: "b")
        #expect(plan.status == 2 && plan.stderr.contains("actions/\(action).md"), "\(plan.stderr)")

        let first = try shell.reclam("resolve", id, "--set", "category=other", in: "b")
        #expect(first.status == 0 && first.stdout.contains("1 fichier encore en conflit"), "\(first.stdout)\(first.stderr)")
        #expect(try shell.reclam("sync", in: "b").status == 1, "a conflict is left: the merge cannot be committed yet")
        let second = try shell.reclam("resolve", action, "--set", "owner=Karim Benali", in: "b")
        #expect(second.status == 0, "\(second.stdout)\(second.stderr)")
        #expect(try shell.reclam("conflicts", in: "b").status == 0)
        #expect(try shell.reclam("sync", in: "b").status == 0)
        #expect(try shell.reclam("sync", in: "a").status == 0)
        #expect(try head(shell, "a") == head(shell, "b"))
        #expect(try shell.read("../a/cases/stg-1/\(id).md").contains("\ncategory: other\n"))
        #expect(try shell.read("../a/actions/\(action).md").contains("\nowner: Karim Benali\n"))
        for clone in ["a", "b"] {
            #expect(try shell.reclam("check", in: clone).status == 0)
            #expect(try shell.reclam("plan", in: clone).status == 0)
            #expect(try shell.git("status", "--porcelain", in: clone).stdout.isEmpty)
        }
    }

    /// Another clone pushes between this clone's fetch and its push (a post-merge hook of `b`
    /// pushes from `c`, once): the push is refused, and sync fetches, merges and pushes again.
    @Test func pushRefusedBecauseTheRemoteMovedIsRetried() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try team(shell, others: ["b", "c"])
        let theirs = try shell.reclam(
            "new", "--learner", "stg-1", "--title", "Attestation", "--channel", "email", "--complainant", "learner", in: "a"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try shell.reclam("sync", in: "a").status == 0)
        let hook = shell.directory.appendingPathComponent("b/.git/hooks/post-merge")
        try Data(
            """
            #!/bin/sh
            marker="$(git rev-parse --absolute-git-dir)/moved"
            [ -e "$marker" ] && exit 0
            touch "$marker"
            unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_AUTHOR_DATE GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL GIT_COMMITTER_DATE
            cd ../c && git fetch -q origin && git reset -q --hard origin/main && echo other > notes.txt && git add notes.txt \\
              && git -c user.name=Other -c user.email=other@example.org commit -q --no-verify -m "another clone's commit" \\
              && git push -q origin main

            """.utf8
        ).write(to: hook)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook.path)
        let ours = try shell.reclam(
            "new", "--learner", "stg-2", "--title", "Formateur absent", "--channel", "email", "--complainant", "learner", in: "b"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let sync = try shell.reclam("sync", in: "b")
        #expect(sync.status == 0, "\(sync.stdout)\(sync.stderr)")
        #expect(FileManager.default.fileExists(atPath: shell.directory.appendingPathComponent("b/.git/moved").path), "the hook did not run")
        #expect(sync.stdout.contains("reçu : new(\(theirs))"), "\(sync.stdout)")
        #expect(sync.stdout.contains("reçu : another clone's commit (Other)"), "\(sync.stdout)")
        #expect(sync.stdout.contains("envoyé : new(\(ours))"), "\(sync.stdout)")
        #expect(sync.stdout.contains("(2 essais)"), "\(sync.stdout)")
        let remote = try shell.run("/usr/bin/git", ["--git-dir", "remote.git", "rev-parse", "main"]).stdout
        #expect(remote.trimmingCharacters(in: .whitespacesAndNewlines) == (try head(shell, "b")))
        let log = try shell.run("/usr/bin/git", ["--git-dir", "remote.git", "log", "--format=%s", "main"]).stdout
        #expect(log.contains("another clone's commit") && log.contains("new(\(ours))") && log.contains("new(\(theirs))"), "\(log)")
        #expect(try shell.reclam("check", in: "b").status == 0)
    }

    @Test func refusesToStartWithUncommittedCaseEdits() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try team(shell, others: [])
        let id = try shell.reclam(
            "new", "--learner", "stg-1", "--title", "Attestation", "--channel", "email", "--complainant", "learner", in: "a"
        ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let path = "../a/cases/stg-1/\(id).md"
        try shell.write(path, try shell.read(path) + "\nNote ajoutée à la main.\n")
        let refused = try shell.reclam("sync", in: "a")
        #expect(refused.status == 1)
        // On one line, as the CLI writes every message: a line break showed as a literal `\n`.
        #expect(refused.stderr.contains("avant de synchroniser : cases/stg-1/\(id).md\n"), "\(refused.stderr)")
        #expect(try shell.run("/usr/bin/git", ["--git-dir", "remote.git", "log", "--oneline"]).stdout.split(separator: "\n").count == 1)
    }

    @Test func unknownRemoteIsAUsageError() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try team(shell, others: [])
        let result = try shell.reclam("sync", "elsewhere", in: "a")
        #expect(result.status == 2)
        #expect(result.stderr.contains("git remote add elsewhere"))
    }

    /// Random operations over three clones on overlapping cases, synced at random; moves on two
    /// clones from the same stage make real conflicts, resolved with --take ours.
    @Test func randomOperationsOnThreeClonesConverge() throws {
        var shell = try Shell()
        defer { shell.remove() }
        let clones = ["a", "b", "c"]
        try team(shell, others: ["b", "c"])
        var random = SplitMix64(seed: 19)
        var minute = 0
        var ids: [String] = []
        var done: [String] = []
        var conflictsResolved = 0
        // Cases whose transition conflict was resolved with --take ours: theirs' steps are dropped.
        var stepsDropped = Set<String>()
        let actors = [
            "a": "Claire Martin <claire@example.org>", "b": "Karim Benali <karim@example.org>", "c": "Sophie Lefevre <sophie@example.org>",
        ]
        func clock() -> String {
            minute += 1
            return String(format: "2026-11-16T%02d:%02d:00+01:00", 8 + minute / 60, minute % 60)
        }
        func stage(_ clone: String, _ id: String) throws -> String? {
            let paths = try FileManager.default.subpathsOfDirectory(atPath: shell.directory.appendingPathComponent("\(clone)/cases").path)
            guard let path = paths.first(where: { $0.hasSuffix("/\(id).md") }) else { return nil }
            let text = try shell.read("../\(clone)/cases/\(path)")
            return text.split(separator: "\n").first { $0.hasPrefix("stage: ") }.map { String($0.dropFirst(7)) }
        }
        func sync(_ clone: String) throws {
            var result = try shell.reclam("sync", in: clone)
            var rounds = 0
            while result.status == 1 && rounds < 5 {
                rounds += 1
                let listed = try shell.reclam("conflicts", "--format", "json", in: clone).stdout
                let items = (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]]) ?? []
                #expect(!items.isEmpty, "sync stopped without a conflict: \(result.stderr)")
                for item in items where (item["subject"] as? String)?.hasPrefix("transition") == true {
                    stepsDropped.insert(item["id"] as? String ?? "")
                }
                for conflicted in Set(items.compactMap { $0["id"] as? String }) {
                    #expect(try shell.reclam("resolve", conflicted, "--take", "ours", in: clone).status == 0)
                    conflictsResolved += 1
                }
                result = try shell.reclam("sync", in: clone)
            }
            #expect(result.status == 0, "sync in \(clone): \(result.stderr)")
        }
        func edit(_ clone: String, _ id: String, _ line: String) throws {
            let paths = try FileManager.default.subpathsOfDirectory(atPath: shell.directory.appendingPathComponent("\(clone)/cases").path)
            guard let path = paths.first(where: { $0.hasSuffix("/\(id).md") }) else { return }
            let file = "../\(clone)/cases/\(path)"
            try shell.write(file, try shell.read(file).replacingOccurrences(of: "## Analyse\n", with: "## Analyse\n\(line)\n"))
            let result = try shell.reclam("commit", "cases/\(path)", "-m", "note", in: clone)
            #expect(result.status == 0, "\(result.stderr)")
            done.append(try head(shell, clone))
        }
        // 80 in the suite (30 s); the 300 with `make sync-stress`.
        let operations = Int(ProcessInfo.processInfo.environment["RECLAM_SYNC_OPERATIONS"] ?? "") ?? 80
        for step in 0..<operations {
            if step % 20 == 10, let id = ids.last {
                // A deliberate conflict: two clones that hold the same version change it differently.
                for clone in clones { try sync(clone) }
                for clone in ["a", "b"] {
                    shell.environment["RECLAM_ACTOR"] = actors[clone]
                    shell.environment["RECLAM_NOW"] = clock()
                    try edit(clone, id, "Constat de \(clone) à la minute \(minute).")
                }
            }
            let clone = clones[random.next(3)]
            shell.environment["RECLAM_ACTOR"] = actors[clone]
            shell.environment["RECLAM_NOW"] = clock()
            let roll = random.next(10)
            if roll < 1 || ids.isEmpty {
                let result = try shell.reclam(
                    "new", "--learner", "stg-\(random.next(3))", "--title", "Réclamation \(ids.count)", "--channel", "email",
                    "--complainant", "learner", in: clone)
                #expect(result.status == 0, "\(result.stderr)")
                ids.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
                done.append(try head(shell, clone))
            } else if roll < 3 {
                try sync(clone)
            } else {
                // Overlapping: the most recent cases, so that clones work on the same ones.
                let id = ids[max(0, ids.count - 1 - random.next(2))]
                guard let current = try stage(clone, id) else { continue }
                var arguments: [String]
                switch current {
                case "received": arguments = ["move", id, "acknowledged"]
                case "acknowledged":
                    // Each clone assigns to its own person: two clones assigning one case conflict.
                    arguments = ["assign", id, "--to", String(actors[clone]!.prefix { $0 != "<" }.dropLast())]
                case "assigned", "waiting": arguments = ["move", id, "investigating"]
                case "investigating":
                    arguments =
                        random.next(2) == 0
                        ? ["move", id, "waiting"]
                        : [
                            "move", id, "solution-decided", "--set", "findings=Envoi en échec", "--set", "solution=Renvoi",
                            "--set", "solution_type=corrective-action",
                        ]
                default:
                    // A hand edit of the body, away from the journal.
                    try edit(clone, id, "Note \(minute).")
                    continue
                }
                let result = try shell.reclam(arguments[0], Array(arguments.dropFirst()), in: clone)
                if result.status == 0 { done.append(try head(shell, clone)) } else { _ = try? shell.git("checkout", "--", ".", in: clone) }
            }
        }
        for clone in clones + clones { try sync(clone) }
        let heads = try Set(clones.map { try head(shell, $0) })
        #expect(heads.count == 1, "every clone has the same head")
        for clone in clones {
            #expect(try shell.git("fsck", "--strict", in: clone).status == 0)
            let check = try shell.reclam("check", in: clone)
            #expect(check.status == 0, "\(clone): \(check.stdout)")
            #expect(try shell.git("status", "--porcelain", in: clone).stdout.isEmpty)
        }
        for commit in done {
            #expect(try shell.git("merge-base", "--is-ancestor", commit, "HEAD", in: "a").status == 0, "\(commit) lost")
        }
        // The history is one legal history but for the conflicts resolved with --take ours,
        // which drop theirs' steps on purpose: those, and only those, are reported.
        let audit = try shell.reclam("audit", "--format", "json", in: "a")
        #expect(audit.status == (stepsDropped.isEmpty ? 0 : 1), "\(audit.stdout)\(audit.stderr)")
        let findings = (try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]]) ?? []
        for finding in findings {
            let file = finding["file"] as? String ?? ""
            #expect(finding["rule"] as? String == "audit-step-lost", "\(finding)")
            #expect(stepsDropped.contains { file.hasSuffix("/\($0).md") }, "\(finding)")
        }
        #expect(findings.isEmpty == stepsDropped.isEmpty)
        #expect(conflictsResolved > 0, "the script makes conflicts on purpose")
        #expect(done.count > 30)
    }
}

extension Shell {
    @discardableResult
    func reclam(_ command: String, _ arguments: [String], in folder: String?) throws -> Result {
        try run(Shell.reclam, [command] + arguments, in: folder)
    }
}

/// A small seeded generator, so that the random script is the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Int(z % UInt64(bound))
    }
}
