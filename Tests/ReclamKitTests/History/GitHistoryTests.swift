import Foundation
import Testing

@testable import ReclamKit

@Suite("GitHistory")
struct GitHistoryTests {
    @Test func largeOutputOnBothPipesDoesNotBlock() throws {
        let (sandbox, _) = try GitSandbox.initialized()
        let noisy = "alias.noisy=!yes e | head -c 300000 >&2; yes o | head -c 500000"
        let output = try GitHistory.run(["-C", sandbox.root, "-c", noisy, "noisy"])
        #expect(output.count == 500000)
    }

    @Test func aFailingCommandThrowsWithGitsMessage() throws {
        let (sandbox, _) = try GitSandbox.withFiles(["cases/stg-1/learner.md": "x\n"])
        #expect(throws: ReclamError.self) {
            _ = try GitHistory.log(in: URL(fileURLWithPath: sandbox.root), arguments: ["no-such-revision..HEAD"], paths: ["cases"])
        }
    }

    @Test func anUnbornBranchHasNoHistory() throws {
        let (sandbox, _) = try GitSandbox.initialized()
        #expect(try GitHistory.log(in: URL(fileURLWithPath: sandbox.root), arguments: [], paths: ["cases"]).isEmpty)
    }
}
