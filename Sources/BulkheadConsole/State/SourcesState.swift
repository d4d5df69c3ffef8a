import BulkheadCore

/// The sources screen: a tree of source → table → column and the selected table's sample rows.
public struct SourcesState: Equatable, Sendable {
    /// Which pane has the keyboard.
    public enum Pane: Equatable, Sendable {
        /// The source tree.
        case tree
        /// The sample rows of the selected table.
        case samples
    }
    /// The org's sources.
    public var sources: [SourceSummary] = []
    /// Loaded introspections by source name.
    public var details: [String: SourceDetail] = [:]
    /// Ids of expanded nodes (`s:<source>`, `t:<source>/<table>`).
    public var expanded: Set<String> = []
    /// Sources whose introspection is loading.
    public var loading: Set<String> = []
    /// The list is loading.
    public var listLoading = false
    /// The tree's selection.
    public var cursor = ListCursor()
    /// The focused pane.
    public var focus: Pane = .tree
    /// The `/` filter text.
    public var filter = TextInput()
    /// The filter field has the keyboard.
    public var filtering = false
    /// The sample table's selection.
    public var sampleCursor = ListCursor()
    /// The sample table's first column shown.
    public var sampleLeft = 0
    /// Rows of the previewed table by index: its sample rows, then pages loaded as the pane scrolls.
    public var preview: [Int: [DisplayValue]] = [:]
    /// The table the preview rows belong to (`source/table`).
    public var previewKey: String?
    /// Offsets of preview pages asked for and not yet arrived.
    public var previewPending: Set<Int> = []

    /// One visible line of the tree.
    public struct Row: Equatable, Sendable {
        /// What the line stands for.
        public enum Node: Equatable, Sendable {
            /// A source, by name.
            case source(String)
            /// A table of a source, by index.
            case table(source: String, table: Int)
            /// A column of a table, by index.
            case column(source: String, table: Int, column: Int)
        }
        /// The node.
        public var node: Node
        /// Indentation level.
        public var depth: Int
        /// The name shown (what `/` matches).
        public var name: String
        /// Whether it has children.
        public var expandable: Bool
        /// Whether they are shown.
        public var isExpanded: Bool
        /// Whether it is the last among its siblings (for tree guides).
        public var isLast: Bool
    }

    /// The tree's lines in display order, given what is expanded and loaded.
    ///
    /// With a `/` filter, only what matches shows, with the sources and tables that lead to it
    /// (opened to show the match); under a node that matches, its children show as usual.
    public var rows: [Row] {
        let needle = filter.text.lowercased()
        var rows: [Row] = []
        let shownSources = sources.filter { source in needle.isEmpty || sourceShows(source.name, needle) }
        for (sourceIndex, source) in shownSources.enumerated() {
            let sourceMatches = needle.isEmpty || source.name.lowercased().contains(needle)
            let detail = details[source.name]
            let tables = (detail?.tables ?? []).enumerated().filter { _, table in
                sourceMatches || tableShows(table, needle)
            }
            let open = sourceMatches ? expanded.contains("s:" + source.name) : !tables.isEmpty
            rows.append(Row(node: .source(source.name), depth: 0, name: source.name, expandable: true, isExpanded: open,
                            isLast: sourceIndex == shownSources.count - 1))
            guard open, detail != nil else { continue }
            for (position, (tableIndex, table)) in tables.enumerated() {
                let tableMatches = sourceMatches || table.name.lowercased().contains(needle)
                let columns = table.columns.enumerated().filter { tableMatches || $0.element.name.lowercased().contains(needle) }
                let tableOpen = tableMatches ? expanded.contains("t:" + source.name + "/" + table.name) : !columns.isEmpty
                rows.append(Row(node: .table(source: source.name, table: tableIndex), depth: 1, name: table.name,
                                expandable: !table.columns.isEmpty, isExpanded: tableOpen, isLast: position == tables.count - 1))
                guard tableOpen else { continue }
                for (columnPosition, (columnIndex, column)) in columns.enumerated() {
                    rows.append(Row(node: .column(source: source.name, table: tableIndex, column: columnIndex), depth: 2,
                                    name: column.name, expandable: false, isExpanded: false,
                                    isLast: columnPosition == columns.count - 1))
                }
            }
        }
        return rows
    }

    private func sourceShows(_ name: String, _ needle: String) -> Bool {
        name.lowercased().contains(needle) || (details[name]?.tables.contains { tableShows($0, needle) } ?? false)
    }

    private func tableShows(_ table: TableInfo, _ needle: String) -> Bool {
        table.name.lowercased().contains(needle) || table.columns.contains { $0.name.lowercased().contains(needle) }
    }

    /// The table under the selection (a table row or one of its columns), with its source.
    public var selectedTable: (source: String, table: TableInfo)? {
        let rows = self.rows
        guard cursor.selected < rows.count else { return nil }
        switch rows[cursor.selected].node {
        case .source: return nil
        case let .table(source, table), let .column(source, table, _):
            guard let detail = details[source], table < detail.tables.count else { return nil }
            return (source, detail.tables[table])
        }
    }

    /// Indexes of rows whose name contains the filter (case-insensitive).
    public var matches: [Int] {
        let needle = filter.text.lowercased()
        guard !needle.isEmpty else { return [] }
        return rows.enumerated().filter { $0.element.name.lowercased().contains(needle) }.map(\.offset)
    }
}
