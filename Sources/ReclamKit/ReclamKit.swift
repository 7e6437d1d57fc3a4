// The umbrella the command line and the web layer import: every layer, bottom to top.
// See docs/ARCHITECTURE.md for what each target owns and which way the arrows run.
@_exported import ReclamCore
@_exported import ReclamGit
@_exported import ReclamLedger
@_exported import ReclamOutput
@_exported import ReclamRules
@_exported import ReclamWorkflow
