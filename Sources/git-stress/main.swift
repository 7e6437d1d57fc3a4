// Test helper for the concurrency tests: `git-stress <repo> <name> <count>` makes <count>
// commits through GitWriter, each adding the new file `stress/<name>-<i>.txt`.
// Exit status 0 when every commit was made; 1 with the error on stderr otherwise.
import Foundation
import ReclamKit

let arguments = CommandLine.arguments
guard arguments.count == 4, let count = Int(arguments[3]) else {
    FileHandle.standardError.write(Data("usage: git-stress <repo> <name> <count>\n".utf8))
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
