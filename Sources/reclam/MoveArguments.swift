import ArgumentParser
import Foundation
import ReclamKit

/// What `reclam move` and `reclam action move` take, declared once: the ledger, the author,
/// the record's id, the stage to move to and the move's options, in this order in `--help`.
/// Only the id's name and help differ, and `Record` gives them.
struct MoveArguments<Record: MovedRecord>: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @OptionGroup var write: WriteOptions
    @Argument(help: ArgumentHelp(Record.idHelp, valueName: Record.idName)) var id: String
    @Argument(help: "The stage to move to.") var stage: String
    @OptionGroup var move: MoveOptions

    /// The ledger opened for a commit.
    func context() throws -> WriteContext {
        try write.context(global)
    }

    /// The move asked for on the command line.
    func request() throws -> MoveRequest {
        try move.request(id: id, target: stage)
    }
}

/// A kind of record that moves through stages: how its id is named in the help.
protocol MovedRecord {
    /// The id's value name (`<id>`, `<action>`).
    static var idName: String { get }
    static var idHelp: String { get }
}

/// A case of the ledger (`reclam move`).
enum MovedCase: MovedRecord {
    static var idName: String { "id" }
    static var idHelp: String { "The case id." }
}

/// A corrective action (`reclam action move`).
enum MovedAction: MovedRecord {
    static var idName: String { "action" }
    static var idHelp: String { "The action id." }
}
