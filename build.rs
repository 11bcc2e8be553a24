//! Rebuild when the embedded theme changes (new files do not trigger a rebuild on their own).
fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=scaffold");
}
