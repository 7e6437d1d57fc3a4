import ArgumentParser
import Foundation
import ReclamKit

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print a JSON Schema of the case front-matter, for editors.",
        discussion: """
            The schema (JSON Schema draft 2020-12) is made from this ledger's reclam.yml:
            its stages, the fields each stage requires and their values, the formats of
            dates and ids. Point an editor at it to get completion and errors as you type;
            docs/EDITORS.md shows how in VS Code and Neovim. Regenerate it when reclam.yml
            changes. json-schema-draft-07 gives the same schema declared as draft-07, for
            validators that know no later draft (those built on Ajv's default class).

            Examples:
              reclam schema > schemas/case.schema.json
              reclam schema --format json-schema-draft-07 > schemas/case.schema.json
            """
    )

    enum Format: String, OutputFormat {
        case jsonSchema = "json-schema"
        case jsonSchemaDraft07 = "json-schema-draft-07"

        var note: String? { self == .jsonSchema ? "draft 2020-12" : nil }
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: Format.help) var format: Format = .jsonSchema

    func run() throws {
        let ledger = try global.openLedger()
        let draft: JSONSchema.Draft = format == .jsonSchema ? .draft2020_12 : .draft07
        print(JSON.encode(JSONSchema.caseFrontMatter(config: ledger.config, draft: draft)))
    }
}
