import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Writes that run out of space: on a small tmpfs filled to within a few KiB (where this
/// machine lets the tests mount one), and with a file-size limit (`ulimit -f`) that makes the
/// biggest file of a write, the index, fail to write. Either the command fails and nothing
/// visible changed, or it succeeds and git status is clean; the next command and
/// `reclam doctor` find nothing to do.
@Suite(.serialized) struct FullDiskTests {
    static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether a tmpfs can be mounted here (root, and a kernel that allows it).
    static let canMount: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("reclam-mount-\(UUID().uuidString)").path
        guard (try? FileManager.default.createDirectory(atPath: probe, withIntermediateDirectories: true)) != nil else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe]) == 0 else { return false }
        _ = run("/bin/umount", [probe])
        return true
    }()

    /// What a failed write must leave: the branch where it was, git status clean, no leftovers.
    func expectNothingOrEverything(
        _ shell: Shell, _ result: Shell.Result, before: String, folder: String, _ label: String, problems: inout [String]
    ) throws {
        let head = try shell.git("rev-parse", "HEAD", in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try shell.git("status", "--porcelain", in: folder).stdout
        if result.status == 0 {
            if head == before || !status.isEmpty {
                problems.append("\(label): exit 0 with HEAD moved=\(head != before), status:\n\(status)")
            }
        } else {
            if head != before { problems.append("\(label): exit \(result.status) but the branch moved: \(result.stderr)") }
            if !status.isEmpty { problems.append("\(label): exit \(result.status) and git status:\n\(status)\(result.stderr)") }
            if result.status != 2 { problems.append("\(label): exit \(result.status), expected 2: \(result.stderr)") }
        }
        let root = shell.directory.appendingPathComponent(folder).path
        let enumerator = FileManager.default.enumerator(atPath: root)!
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.contains(".reclam-") || name.hasPrefix("tmp_object") || (name.hasSuffix(".lock") && name != "reclam.lock")
                || relative == ".git/reclam/journal"
            {
                problems.append("\(label): left \(relative)")
            }
        }
    }

    @Test(.enabled(if: canMount, "needs to mount a tmpfs (root)"))
    func aFullTmpfsChangesNothingOrEverything() throws {
        let shell = try Shell()
        let disk = shell.directory.appendingPathComponent("disk").path
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        #expect(Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=3m", "tmpfs", disk]) == 0)
        defer {
            _ = Self.run("/bin/umount", [disk])
            shell.remove()
        }
        let folder = "disk/ledger"
        #expect(try shell.reclam("init", "--procedure", "training", folder, in: nil).status == 0)
        var ids: [String] = []
        var problems: [String] = []
        var failures = 0
        var successes = 0
        let filler = disk + "/filler"
        for freeKiB in stride(from: 0, through: 192, by: 12) {
            // Fill the disk to within freeKiB.
            let available = (try FileManager.default.attributesOfFileSystem(forPath: disk)[.systemFreeSize] as? Int) ?? 0
            #expect(FileManager.default.createFile(atPath: filler, contents: nil))
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
            var remaining = max(0, available - freeKiB * 1024)
            let chunk = Data(count: 64 * 1024)
            while remaining > 0 {
                let piece = chunk.prefix(min(remaining, chunk.count))
                guard (try? handle.write(contentsOf: piece)) != nil else { break }
                remaining -= piece.count
            }
            try? handle.close()

            let before = try shell.git("rev-parse", "HEAD", in: folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            let arguments =
                ids.isEmpty || freeKiB % 24 == 0
                ? [
                    "new", "--learner", "stg-1", "--title", "Plainte", "--channel", "email", "--complainant", "learner", "--email",
                    "s@example.org",
                ]
                : ["ack", ids.removeLast()]
            let result = try shell.run(Shell.reclam, arguments, in: folder)
            let label = "\(freeKiB) KiB free, \(arguments[0])"
            try expectNothingOrEverything(shell, result, before: before, folder: folder, label, problems: &problems)
            if result.status == 0 {
                successes += 1
                if arguments[0] == "new" { ids.append(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) }
            } else {
                failures += 1
                if arguments[0] == "ack" { ids.append(arguments[1]) }
            }

            try FileManager.default.removeItem(atPath: filler)
            let next = try shell.reclam("list", in: folder)
            if next.status != 0 || !next.stderr.isEmpty { problems.append("\(label): next command: \(next.stderr)") }
            let doctor = try shell.reclam("doctor", in: folder)
            if doctor.status != 0 || !doctor.stdout.isEmpty { problems.append("\(label): doctor: \(doctor.stdout)") }
        }
        #expect(problems == [])
        #expect(failures > 0 && successes > 0, "failures \(failures), successes \(successes)")
        #expect(try shell.git("fsck", "--strict", in: folder).status == 0)
        #expect(try shell.reclam("audit", in: folder).status == 0)
    }

    @Test func aFileSizeLimitDuringTheIndexWriteChangesNothing() throws {
        let shell = try Shell()
        defer { shell.remove() }
        try shell.initLedger()
        // An index larger than any file a step writes, so that a limit between the two makes
        // the index write, the last one, fail.
        var script = "mkdir extra\n"
        script += "i=0; while [ $i -lt 400 ]; do echo $i > extra/file-with-a-long-name-$i.txt; i=$((i+1)); done\n"
        script += "git add extra && git -c user.name=x -c user.email=x@example.org commit -q -m extra\n"
        #expect(try shell.run("/bin/sh", ["-c", script], in: "ledger").status == 0)
        let id = try shell.newCase()
        let index = try FileManager.default.attributesOfItem(atPath: shell.directory.appendingPathComponent("ledger/.git/index").path)
        #expect((index[.size] as? Int ?? 0) > 20_000)

        var problems: [String] = []
        var undone = 0
        var succeeded = false
        // ulimit -f counts 512-byte blocks; SIGXFSZ ignored, so writes fail with EFBIG.
        for blocks in stride(from: 1, through: 241, by: 6) where !succeeded {
            let before = try shell.head()
            let result = try shell.run(
                "/bin/sh", ["-c", "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" ack \"$1\"", Shell.reclam, id], in: "ledger")
            try expectNothingOrEverything(shell, result, before: before, folder: "ledger", "ulimit -f \(blocks)", problems: &problems)
            if result.stderr.contains("the commit was undone and nothing changed") { undone += 1 }
            succeeded = result.status == 0
            let doctor = try shell.reclam("doctor")
            if doctor.status != 0 || !doctor.stdout.isEmpty { problems.append("ulimit -f \(blocks): doctor: \(doctor.stdout)") }
        }
        #expect(problems == [])
        #expect(undone > 0, "no limit made the index write fail")
        #expect(succeeded)
        #expect(try shell.reclam("audit").status == 0)
    }
}
