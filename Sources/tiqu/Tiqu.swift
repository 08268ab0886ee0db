// The command line: wiring and presentation only. Extraction logic lives in the stage targets, the
// driver in TiquRun; this reads arguments and the environment, and prints.
import ArgumentParser

@main
struct Tiqu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tiqu",
        abstract: "Extract money, percentages, quantities, dates and projects from Chinese government texts.",
        discussion: """
        Exit status: 0 success; 1 some documents had errors, rule examples failed or records differ (the rest was \
        still processed); 2 rule files had errors (the valid rules still ran); 64 bad usage.
        """,
        subcommands: [Run.self, Diff.self, Report.self, Clean.self, Segment.self, Rules.self]
    )
}

