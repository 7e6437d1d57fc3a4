import Foundation
import Testing

@testable import ReclamCore
@testable import ReclamGit
@testable import ReclamKit
@testable import ReclamLedger
@testable import ReclamOutput
@testable import ReclamRules
@testable import ReclamWorkflow

@Suite("CaseLocator")
struct CaseLocatorTests {
    static let id = "20261005-abcd"

    func locate(_ id: String, in ledger: TemporaryLedger, repository: GitRepository? = nil) -> Result<String, ReclamError> {
        do {
            return .success(try CaseLocator.path(of: id, in: try ledger.ledger(), repository: repository))
        } catch let error as ReclamError {
            return .failure(error)
        } catch {
            Issue.record("unexpected error: \(error)")
            return .failure(.io("\(error)"))
        }
    }

    func failure(_ result: Result<String, ReclamError>) -> ReclamError? {
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func theScanFindsOneCaseAndRefusesAnAmbiguousID() throws {
        let ledger = try TemporaryLedger()
        try ledger.write("cases/a-b/\(Self.id).md", "x")
        #expect(try locate(Self.id, in: ledger).get() == "cases/a-b/\(Self.id).md")

        #expect(failure(locate("20261005-zzzz", in: ledger))?.kind == .usage)
        #expect(failure(locate("Not/An/ID", in: ledger))?.kind == .usage)

        // Listed in the order of the folders' names ("a" before "a-b"), not of the paths.
        try ledger.write("cases/a/\(Self.id).md", "x")
        let error = failure(locate(Self.id, in: ledger))
        #expect(error?.kind == .refused)
        #expect(error?.message.contains("cases/a/\(Self.id).md, cases/a-b/\(Self.id).md") == true)
    }

    @Test func aSymbolicLinkToALearnerFolderIsNotAFolder() throws {
        let ledger = try TemporaryLedger()
        try ledger.write("cases/stg-1/\(Self.id).md", "x")
        try FileManager.default.createSymbolicLink(atPath: ledger.url("cases/link").path, withDestinationPath: "stg-1")
        #expect(try locate(Self.id, in: ledger).get() == "cases/stg-1/\(Self.id).md")
    }

    @Test func noCasesFolderMeansNoCase() throws {
        let ledger = try TemporaryLedger()
        #expect(failure(locate(Self.id, in: ledger))?.message.contains("no case with id") == true)
    }

    @Test func theIndexNamesTrackedCasesAndTheScanTheOthers() throws {
        let ledger = try TemporaryLedger()
        let repository = try GitRepository.initialize(at: ledger.root.path)
        let tracked = "cases/stg-1-b/\(Self.id).md"
        let moved = "20261005-move"
        _ = try GitWriter(repository: repository).commit(
            Change(
                summary: "cases",
                writes: [
                    (path: tracked, contents: Data("x".utf8)),
                    (path: "cases/stg-1/\(moved).md", contents: Data("x".utf8)),
                    (path: "cases/stg-1/deeper/20261005-deep.md", contents: Data("x".utf8)),
                ]), by: .test)
        #expect(try locate(Self.id, in: ledger, repository: repository).get() == tracked)

        // Not in the index yet: found by the scan.
        try ledger.write("cases/stg-2/20261005-new1.md", "x")
        #expect(try locate("20261005-new1", in: ledger, repository: repository).get() == "cases/stg-2/20261005-new1.md")

        // Moved by hand: the index's path is gone from the work tree, the scan finds the file.
        try FileManager.default.createDirectory(at: ledger.url("cases/stg-3"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(at: ledger.url("cases/stg-1/\(moved).md"), to: ledger.url("cases/stg-3/\(moved).md"))
        #expect(try locate(moved, in: ledger, repository: repository).get() == "cases/stg-3/\(moved).md")

        // Only one folder below cases/ is a learner folder.
        #expect(failure(locate("20261005-deep", in: ledger, repository: repository))?.kind == .usage)

        // Two tracked files with one id, listed in the folders' order as the scan does.
        _ = try GitWriter(repository: repository).commit(
            Change(summary: "copy", writes: [(path: "cases/stg-1/\(Self.id).md", contents: Data("x".utf8))]), by: .test)
        let error = failure(locate(Self.id, in: ledger, repository: repository))
        #expect(error?.kind == .refused)
        #expect(error?.message.contains("cases/stg-1/\(Self.id).md, \(tracked)") == true)
    }
}
