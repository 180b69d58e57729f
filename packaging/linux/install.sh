#!/bin/sh
# Install LDN Desk for this user: the folder to ~/.local/opt/ldn-desk, a menu entry and the icon.
# Run it from the unpacked folder:  ./install.sh      Remove it again:  ./install.sh --uninstall
# The data folder (the compounding log) is never touched: it lives in ~/.local/share/ldn-desk.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/ldn-desk
menu=$prefix/applications/ldn-desk.desktop
icon=$prefix/icons/hicolor/scalable/apps/ldn-desk.svg

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$target" "$menu" "$icon" "$HOME/.local/bin/ldn-desk"
    echo "LDN Desk removed (your data in $prefix/ldn-desk is kept)."
    exit 0
fi

if [ "$here" != "$target" ]; then
    rm -rf "$target.new"
    mkdir -p "$(dirname "$target")"
    cp -R "$here" "$target.new"
    rm -rf "$target"  # an upgrade replaces the program, never the data folder
    mv "$target.new" "$target"
fi
mkdir -p "$(dirname "$menu")" "$(dirname "$icon")" "$HOME/.local/bin"
cp "$target/ldn-desk.svg" "$icon"
sed -e "s|^Exec=.*|Exec=\"$target/ldn-desk\"|" -e "s|^Icon=.*|Icon=ldn-desk|" \
    "$target/ldn-desk.desktop" > "$menu"
ln -sf "$target/ldn-desk" "$HOME/.local/bin/ldn-desk"
echo "LDN Desk installed in $target; start it from the applications menu or with: ldn-desk"
