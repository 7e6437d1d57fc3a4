import Foundation

extension YAMLError {
    /// Why a YAML text was refused, without words: `Messages.yamlProblem` words it.
    public enum Reason: Sendable, Equatable {
        case noParser, severalDocuments, alias, complexKey
        case depth(Int)
        case duplicateKey(String, firstLine: Int)
        case anchor(String)
        case tag(String)
        /// libyaml's own problem and context, quoted as they are, and our hint after them.
        case syntax(problem: String, context: String?, contextLine: Int, hint: Hint?)

        public enum Hint: Sendable, Equatable {
            case quoteColon, keyValue, quoteStart
        }
    }
}

extension MarkdownDocument.Problem {
    /// The finding in the ledger's language.
    public func diagnostic(file: String, language: Language) -> Diagnostic {
        Diagnostic(rule, Messages(language).documentProblem(self), file: file, at: location)
    }
}

extension Messages {
    /// `MarkdownDocument.Problem.message` in this catalogue's language.
    public func documentProblem(_ problem: MarkdownDocument.Problem) -> String {
        guard language != .en else { return problem.message }
        switch problem {
        case .file(let p): return fileProblem(p)
        case .frontMatter(.missing): return self[.frontMatterMissing]
        case .frontMatter(.unclosed(let line)): return format(.frontMatterUnclosed, String(line))
        case .yaml(let e): return yamlProblem(e)
        case .notMapping: return self[.frontMatterNotMapping]
        }
    }

    /// `TextFile.Problem.message` in this catalogue's language.
    public func fileProblem(_ problem: TextFile.Problem) -> String {
        guard language != .en else { return problem.message }
        switch problem {
        case .tooLarge(let size): return format(.fileSizeOver, String(size), String(TextFile.maximumSize))
        case .binary: return self[.fileNUL]
        case .notUTF8: return self[.fileNotUTF8]
        }
    }

    /// `YAMLError.message` in this catalogue's language; libyaml's own words stay as they are.
    public func yamlProblem(_ error: YAMLError) -> String {
        guard language != .en, let reason = error.reason else { return error.message }
        switch reason {
        case .noParser: return self[.yamlNoParser]
        case .severalDocuments: return self[.yamlSeveralDocuments]
        case .alias: return self[.yamlAlias]
        case .complexKey: return self[.yamlComplexKey]
        case .depth(let depth): return format(.yamlDepth, String(depth))
        case .duplicateKey(let key, let line): return format(.yamlDuplicateKey, key, String(line))
        case .anchor(let name): return format(.yamlAnchor, name)
        case .tag(let name): return format(.yamlTag, name)
        case .syntax(let problem, let context, let line, let hint):
            var message = context.map { format(.yamlSyntaxContext, problem, $0, String(line)) } ?? format(.yamlSyntax, problem)
            switch hint {
            case .quoteColon: message += self[.yamlQuoteColon]
            case .keyValue: message += self[.yamlKeyValue]
            case .quoteStart: message += self[.yamlQuoteStart]
            case nil: break
            }
            return message
        }
    }

    /// The finding of a merge left unresolved in a file: `id` names the case or action
    /// `reclam resolve` takes, nil for other files.
    public func conflictProblem(resolving id: String?) -> String {
        format(.fileConflict, id.map { format(.fileConflictResolve, $0) } ?? self[.fileConflictEdit])
    }
}
