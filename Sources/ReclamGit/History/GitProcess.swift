import Foundation
import ReclamCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#elseif canImport(Musl)
    import Musl
#endif

/// A running git command, read-only, whose standard output the caller reads as it comes.
///
/// Why not `Process.waitUntilExit()`: on Linux it spins the run loop in 50 ms steps, so every
/// git call took up to 50 ms longer than git itself. The end of the process is signalled from
/// its termination handler instead. Standard error is drained on another thread, so that git
/// never blocks on a full pipe whichever of the two it writes more to.
///
/// Unchecked `Sendable`: one thread at a time reads the output, and `finish()` comes after.
final class GitProcess: @unchecked Sendable {
    private let process = Process()
    private let output = Pipe()
    private let errors: ErrorDrain
    private let exited = DispatchSemaphore(value: 0)

    init(_ arguments: [String]) throws(ReclamError) {
        let (executable, prefix) = GitProcess.executable
        process.executableURL = executable
        process.arguments = prefix + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_PAGER"] = "cat"
        environment["LC_ALL"] = "C"
        process.environment = environment
        let errorPipe = Pipe()
        process.standardOutput = output
        process.standardError = errorPipe
        process.standardInput = FileHandle.nullDevice
        // Set before run(): a handler set later could miss a process that has already ended.
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw ReclamError(.io, .gitCannotRunHistory, error.localizedDescription)
        }
        errors = ErrorDrain(errorPipe)
    }

    /// Reads the next bytes of standard output into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        let descriptor = output.fileHandleForReading.fileDescriptor
        while true {
            #if canImport(Glibc)
                let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #elseif canImport(Darwin)
                let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #else
                let count = Musl.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno != EINTR { return 0 }
        }
    }

    func readToEnd() -> Data {
        var data = Data()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: GitProcess.chunkSize, alignment: 1)
        defer { buffer.deallocate() }
        while case let count = read(into: buffer), count > 0 {
            data.append(buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count)
        }
        return data
    }

    /// Waits for git to end, once its output has been read. False when git found nothing to
    /// read because the branch has no commit yet; throws on any other failure.
    func finish() throws(ReclamError) -> Bool {
        let message = String(decoding: errors.wait(), as: UTF8.self)
        exited.wait()
        if process.terminationStatus != 0 {
            if message.contains("does not have any commits yet") { return false }
            throw ReclamError(.io, .gitLogFailed, message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        return true
    }

    /// Large enough that a read returns everything the pipe holds.
    static let chunkSize = 1 << 16

    /// git found once on PATH, so that each call starts one process rather than `env` then git.
    /// A relative folder met first on PATH leaves the search to `env`, which keeps PATH's order.
    static let executable: (URL, [String]) = {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":", omittingEmptySubsequences: false) {
            guard folder.hasPrefix("/") else { break }
            let candidate = folder.hasSuffix("/") ? "\(folder)git" : "\(folder)/git"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return (URL(fileURLWithPath: candidate), [])
            }
        }
        return (URL(fileURLWithPath: "/usr/bin/env"), ["git"])
    }()
}

/// Reads a pipe to its end on a thread of its own; the result is read only after `wait()`.
private final class ErrorDrain: @unchecked Sendable {
    private let pipe: Pipe
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        self.pipe = pipe
        // A thread of its own rather than Dispatch's pool, which it would hold for all of
        // git's run while the audit parses on that pool.
        Thread { [self] in
            data = pipe.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    func wait() -> Data {
        done.wait()
        return data
    }
}
