//! `huanjie`: the native command. A thin adapter over huanjie-core.
fn main() {
    eprintln!("usage: huanjie <tally|verify|demo|aggregate> ...");
    std::process::exit(2);
}
