// Test helper for the concurrency and crash tests.
//
// `git-stress <repo> <name> <count>` makes <count> commits through GitWriter, each adding the
// new file `stress/<name>-<i>.txt`. Exit status 0 when every commit was made; 1 with the error
// on stderr otherwise.
//
// `git-stress --kill-at <step> <n> <repo>` makes one commit that changes `a.md`, adds
// `new/deep/b.md` and removes `old/c.md`, and kills itself with SIGKILL at the <n>th time the
// write reaches <step> (a `WriteStep`): the crash tests then look at what it left. With
// `--chain` after <repo>, the same files in two commits made together (`commit(each:)`): the
// first writes the two files, the second removes `old/c.md`.
import Foundation
import ReclamKit

#if canImport(Glibc)
    import Glibc
#endif

let arguments = CommandLine.arguments
if arguments.count == 5 || (arguments.count == 6 && arguments[5] == "--chain"), arguments[1] == "--kill-at",
    let step = WriteStep(rawValue: arguments[2]), let n = Int(arguments[3])
{
    do {
        var writer = GitWriter(repository: try GitRepository.open(at: arguments[4]))
        var seen = 0
        writer.afterStep = { reached in
            guard reached == step else { return }
            seen += 1
            if seen == n { kill(getpid(), SIGKILL) }
        }
        let writes = [(path: "a.md", contents: Data("reclam a\n".utf8)), (path: "new/deep/b.md", contents: Data("b\n".utf8))]
        let signature = Signature(try ActorIdentity(parsing: "Stress <stress@example.org>"))
        if arguments.count == 6 {
            let first = Change(summary: "Killed write, first of two", writes: writes)
            let second = Change(summary: "Killed write", removals: ["old/c.md"])
            _ = try writer.commit(each: [first, second].map { (change: $0, author: signature, committer: signature) })
        } else {
            _ = try writer.commit(Change(summary: "Killed write", writes: writes, removals: ["old/c.md"]), by: signature)
        }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("git-stress: \(error)\n".utf8))
        exit(1)
    }
}
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(
        Data("usage: git-stress <repo> <name> <count> | git-stress --kill-at <step> <n> <repo> [--chain]\n".utf8))
    exit(2)
}
let (path, name) = (arguments[1], arguments[2])
do {
    let repository = try GitRepository.open(at: path)
    let writer = GitWriter(repository: repository)
    let actor = try ActorIdentity(parsing: "Stress \(name) <stress@example.org>")
    for index in 0..<count {
        let file = "stress/\(name)-\(index).txt"
        let change = Change(
            summary: "Add \(file)",
            writes: [(path: file, contents: Data("\(name) \(index)\n".utf8))],
            expectedBase: [file: nil],
            trailers: [(key: "Stress-Writer", value: name)])
        _ = try writer.commit(change, by: Signature(actor))
    }
} catch {
    FileHandle.standardError.write(Data("git-stress \(name): \(error)\n".utf8))
    exit(1)
}
