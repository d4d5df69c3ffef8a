/// The shipped themes compiled in, byte for byte the files of `themes/`, so the console has colors
/// even when that folder is missing (an installed binary, a test run from another directory).
enum BuiltInThemes {
    /// Name and TOML text of each shipped theme, default first.
    static let sources: [(name: String, toml: String)] = [
        ("dark", """
        # Bulkhead theme: dark. Dark background, soft blue accents (the default).
        # Colors are #rrggbb; [bold] lists slots drawn bold. Unknown slots are ignored.
        name = "dark"

        [colors]
        background     = "#1a1b26"
        text           = "#c0caf5"
        muted          = "#6b7394"
        accent         = "#7aa2f7"
        border         = "#3b4261"
        focus          = "#7dcfff"
        title          = "#bb9af7"
        header         = "#e0af68"
        selection      = "#2e3c64"
        selection_text = "#e6ebff"
        status         = "#16161e"
        status_text    = "#a9b1d6"
        success        = "#9ece6a"
        warning        = "#e0af68"
        danger         = "#f7768e"
        badge          = "#3d59a1"
        badge_text     = "#e6ebff"
        panel          = "#1f2335"

        [bold]
        title = true
        header = true
        accent = true
        """),
        ("light", """
        # Bulkhead theme: light. Light background for bright rooms and projectors.
        # Colors are #rrggbb; [bold] lists slots drawn bold. Unknown slots are ignored.
        name = "light"

        [colors]
        background     = "#fafafa"
        text           = "#383a42"
        muted          = "#8e9099"
        accent         = "#2f62d8"
        border         = "#c5c7cf"
        focus          = "#0184bc"
        title          = "#a626a4"
        header         = "#986801"
        selection      = "#cfdcfc"
        selection_text = "#1a1a1a"
        status         = "#e5e5e6"
        status_text    = "#383a42"
        success        = "#3f8a3e"
        warning        = "#b07800"
        danger         = "#d03d30"
        badge          = "#2f62d8"
        badge_text     = "#ffffff"
        panel          = "#f0f0f2"

        [bold]
        title = true
        header = true
        accent = true
        """),
        ("high-contrast", """
        # Bulkhead theme: high-contrast. Black and white with pure accents, for low vision and poor projectors.
        # Colors are #rrggbb; [bold] lists slots drawn bold. Unknown slots are ignored.
        name = "high-contrast"

        [colors]
        background     = "#000000"
        text           = "#ffffff"
        muted          = "#d0d0d0"
        accent         = "#ffff00"
        border         = "#ffffff"
        focus          = "#00ffff"
        title          = "#ffff00"
        header         = "#00ffff"
        selection      = "#ffff00"
        selection_text = "#000000"
        status         = "#ffffff"
        status_text    = "#000000"
        success        = "#00ff00"
        warning        = "#ffff00"
        danger         = "#ff5f5f"
        badge          = "#00ffff"
        badge_text     = "#000000"
        panel          = "#000000"

        [bold]
        title = true
        header = true
        accent = true
        text = true
        selection_text = true
        status_text = true
        """),
    ]
}
