import TiquRules
import TiquRun
import TiquText

/// A document's whole tree of points (speeches, sections, numbered points, headings), for the report's
/// sidebar: points without records are shown too, so the sidebar is the document's outline.
public struct OutlinePoint: Sendable, Equatable {
    /// Labels from the root, as written; a speech is `speech N`.
    public let path: [String]
}

public enum Outlines {
    /// The points of the document at `path`, through the pipeline's segment stage; nil when it cannot be read.
    public static func of(file path: String, pipeline: Pipeline) -> [OutlinePoint]? {
        guard let s = try? pipeline.stages(ofFile: path) else { return nil }
        return s.segmentation.points.map { p in
            let speech = p.speech.map { ["speech \($0)"] } ?? []
            return OutlinePoint(path: p.kind == .speech ? speech : speech + p.path)
        }
    }
}
