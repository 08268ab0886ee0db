// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser
import TiquRun

/// Every command names itself (`commandName:`): without it ArgumentParser derives the name with
/// `String(describing:)`, which searches the binary's protocol conformances once per command type at
/// every start (16 M instructions of a 300 M one-file run).
@main
struct Tiqu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiqu",
        abstract: "Extract money, percentages, quantities, dates and projects from Chinese government texts.",
        discussion: """
        Exit status: 0 success; 1 some documents had errors or were skipped, there were no documents, rule \
        examples failed, or records differ from the expected ones (every other document was still \
        processed); 2 rule files had errors (nothing was extracted, unless --keep-going) or no rules \
        folder was found; 64 bad usage; 74 the output could not be written; 130/143 interrupted (the \
        previous output file is left as it was).
        """,
        version: TiquVersion.current,
        subcommands: [Run.self, Diff.self, Report.self, Clean.self, Segment.self, Explain.self, Rules.self]
    )
}
