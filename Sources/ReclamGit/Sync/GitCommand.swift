import Foundation
import ReclamCore

/// A git command that may write (a merge, a commit of a resolved merge), run to its end with
/// its output collected. Reading the history uses `GitProcess`, which streams.
public enum GitCommand {
    public struct Output: Sendable {
        public var status: Int32
        public var stdout: Data
        public var stderr: Data

        public var text: String { String(decoding: stdout, as: UTF8.self) }
        public var errorText: String { String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    public static func run(
        _ arguments: [String], in root: URL? = nil, input: Data? = nil, environment extra: [String: String] = [:]
    ) throws(ReclamError) -> Output {
        let process = Process()
        let (executable, prefix) = GitProcess.executable
        process.executableURL = executable
        process.arguments = prefix + (root.map { ["-C", $0.path] } ?? []) + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let inputPipe = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
        do { try process.run() } catch {
            throw ReclamError(.io, .gitCannotRun, error.localizedDescription)
        }
        if let input {
            inputPipe.fileHandleForWriting.write(input)
            try? inputPipe.fileHandleForWriting.close()
        }
        // Standard error on another thread, so that git never blocks on a full pipe.
        let drained = ErrorCollector()
        let group = DispatchGroup()
        group.enter()
        Thread {
            drained.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }.start()
        let stdout = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: stdout, stderr: drained.data)
    }
}

private final class ErrorCollector: @unchecked Sendable {
    var data = Data()
}
