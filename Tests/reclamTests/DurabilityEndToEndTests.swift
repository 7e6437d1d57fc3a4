import Foundation
import Testing

/// The write path's syncs, seen by `strace` (the independent witness): a commit costs two
/// `syncfs` whatever the number of files, in the order docs/GIT.md gives ("Durability"): the
/// objects, the journal and the new files' bytes before any file is renamed into place or the
/// branch moves; the renames, the branch and the index before the journal goes.
#if os(Linux)
    @Suite struct DurabilityEndToEndTests {
        static let strace = "/usr/bin/strace"

        /// One system call of the trace: its name and its quoted arguments, in order.
        struct Call {
            var name: String
            var paths: [String]
            var target: String { paths.last ?? "" }
            var isSync: Bool { ["fsync", "fdatasync", "syncfs", "sync", "sync_file_range"].contains(name) }
        }

        /// Runs `reclam ARGS` in the ledger under strace; returns the result and the calls that succeeded.
        func traced(_ shell: Shell, _ arguments: [String]) throws -> (Shell.Result, [Call]) {
            let trace = shell.directory.appendingPathComponent("trace-\(UUID().uuidString).txt").path
            let syscalls = "fsync,fdatasync,syncfs,sync,sync_file_range,rename,renameat,renameat2,link,linkat,unlink,unlinkat"
            let result = try shell.run(
                Self.strace, ["-f", "-qq", "-o", trace, "-e", "trace=" + syscalls, Shell.reclam] + arguments, in: "ledger")
            let text = (try? String(contentsOfFile: trace, encoding: .utf8)) ?? ""
            let pattern = try NSRegularExpression(pattern: #"^\d+\s+(\w+)\((.*)\)\s+=\s+0\b"#, options: .anchorsMatchLines)
            let quoted = try NSRegularExpression(pattern: #""((?:[^"\\]|\\.)*)""#)
            var calls: [Call] = []
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                let arguments = String(text[Range(match.range(at: 2), in: text)!])
                let paths = quoted.matches(in: arguments, range: NSRange(arguments.startIndex..., in: arguments)).map {
                    String(arguments[Range($0.range(at: 1), in: arguments)!])
                }
                calls.append(Call(name: name, paths: paths))
            }
            return (result, calls)
        }

        func ledger() throws -> Shell? {
            guard FileManager.default.isExecutableFile(atPath: Self.strace) else {
                Issue.record("strace is missing: scripts/install-deps installs it")
                return nil
            }
            let shell = try Shell()
            try shell.initLedger()
            return shell
        }

        /// Positions of the calls that match, in trace order.
        func positions(_ calls: [Call], _ matches: (Call) -> Bool) -> [Int] {
            calls.indices.filter { matches(calls[$0]) }
        }

        @Test func aCommitSyncsTwiceInTheDurableOrder() throws {
            guard let shell = try ledger() else { return }
            defer { shell.remove() }
            let (result, calls) = try traced(
                shell,
                [
                    "new", "--learner", "stg-1", "--title", "Attestation non reçue", "--channel", "email", "--complainant", "learner",
                    "--received", "2026-11-13T18:00:00+01:00", "--email", "stagiaire@example.org",
                ])
            #expect(result.status == 0, "\(result.stderr)")

            let syncs = positions(calls) { $0.isSync }
            #expect(syncs.count == 2, "\(calls.filter(\.isSync).map(\.name))")
            #expect(calls.filter(\.isSync).allSatisfy { $0.name == "syncfs" })
            guard syncs.count == 2 else { return }
            let objects = positions(calls) {
                ($0.name.hasPrefix("link") || $0.name.hasPrefix("rename")) && $0.target.contains("/.git/objects/")
                    && !$0.target.contains("tmp_object")
            }
            let journal = positions(calls) { $0.name.hasPrefix("rename") && $0.target.hasSuffix("/.git/reclam/journal") }
            let workTree = positions(calls) {
                $0.name.hasPrefix("rename") && $0.target.hasPrefix(shell.directory.path) && !$0.target.contains("/.git/")
                    && $0.target.hasSuffix(".md")
            }
            let branch = positions(calls) { $0.name.hasPrefix("rename") && $0.target.hasSuffix("/.git/refs/heads/main") }
            let index = positions(calls) { $0.name.hasPrefix("rename") && $0.target.hasSuffix("/.git/index") }
            let journalRemoved = positions(calls) { $0.name.hasPrefix("unlink") && $0.target.hasSuffix("/.git/reclam/journal") }
            // The case file and learner.md; the objects of the blobs, trees and commit.
            #expect(workTree.count == 2 && objects.count >= 4 && journal.count == 1, "\(calls.map(\.target))")
            #expect(branch.count == 1 && index.count == 1 && journalRemoved.count == 1, "\(calls.map(\.target))")
            guard let lastObject = objects.last, let journal = journal.first, let firstFile = workTree.first,
                let lastFile = workTree.last, let branch = branch.first, let index = index.first,
                let removed = journalRemoved.first
            else { return }
            // 1: objects and journal on disk before any work-tree file is renamed, or the branch moves.
            #expect(lastObject < syncs[0] && journal < syncs[0] && syncs[0] < firstFile)
            #expect(lastFile < branch)
            // 2: the files, the branch and the index on disk before the journal goes.
            #expect(branch < index && index < syncs[1] && syncs[1] < removed)
        }

        @Test func aCommitOfManyFilesCostsTheSameTwoSyncs() throws {
            guard let shell = try ledger() else { return }
            defer { shell.remove() }
            let learners = (1...12).map { "stg-\($0)" }
            for learner in learners { _ = try shell.newCase(learner: learner) }
            for learner in learners {
                let path = "cases/\(learner)/learner.md"
                try shell.write(path, try shell.read(path) + "\nAppelé le 14/11.\n")
            }
            let (result, calls) = try traced(shell, ["commit", "-m", "Appels du 14/11"])
            #expect(result.status == 0, "\(result.stderr)")
            let files = try shell.git("show", "--name-only", "--format=", "HEAD").stdout.split(separator: "\n")
            #expect(files.count == 12)
            #expect(calls.filter(\.isSync).map(\.name) == ["syncfs", "syncfs"])
            #expect(try shell.status().isEmpty)
        }
    }
#endif
