//! The official SDKs compared against: installed at pinned versions into a scratch
//! directory from their registries, and driven by our own small scripts in `xtask/bench/`.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// `tencentcloud-sdk-python-common`, the Python SDK's signer, client and transport.
pub const PYTHON_COMMON: &str = "3.1.195";
/// `tencentcloud-sdk-python-tcss`, the Python SDK's tcss client and model classes.
pub const PYTHON_TCSS: &str = "3.1.161";
/// `tencentcloud-sdk-nodejs-common`, the Node.js SDK's signer and client.
pub const NODE_COMMON: &str = "4.1.220";

/// An official SDK that could be installed, and how to run its driver.
pub struct Peer {
    /// `python` or `node`.
    pub name: &'static str,
    /// The packages and pinned versions, for the report.
    pub packages: String,
    program: PathBuf,
    script: PathBuf,
    env: Vec<(&'static str, PathBuf)>,
}

/// A peer, or why it is missing from this run.
pub type Installed = Result<Peer, String>;

/// Installs (or finds already installed) the pinned Python SDK under `scratch/python`.
pub fn python(root: &Path, scratch: &Path) -> Installed {
    let venv = scratch.join("python");
    let python = venv.join("bin/python");
    let packages = format!(
        "tencentcloud-sdk-python-common=={PYTHON_COMMON}, tencentcloud-sdk-python-tcss=={PYTHON_TCSS}"
    );
    let wanted = format!("{PYTHON_COMMON} {PYTHON_TCSS}");

    let installed_versions = || {
        let output = Command::new(&python)
            .args(["-c", "import importlib.metadata as m; print(m.version('tencentcloud-sdk-python-common'), m.version('tencentcloud-sdk-python-tcss'))"])
            .output()
            .ok()?;
        Some(String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    if installed_versions().as_deref() != Some(wanted.as_str()) {
        eprintln!("bench: installing {packages} into {}", venv.display());
        if !python.exists() {
            run_quietly(
                Command::new("python3").args(["-m", "venv"]).arg(&venv),
                "python3 -m venv",
            )?;
        }
        run_quietly(
            Command::new(venv.join("bin/pip"))
                .args(["install", "--quiet", "--disable-pip-version-check"])
                .arg(format!("tencentcloud-sdk-python-common=={PYTHON_COMMON}"))
                .arg(format!("tencentcloud-sdk-python-tcss=={PYTHON_TCSS}")),
            "pip install",
        )?;
        if installed_versions().as_deref() != Some(wanted.as_str()) {
            return Err(format!(
                "pip did not leave {packages} in {}",
                venv.display()
            ));
        }
    }

    Ok(Peer {
        name: "python",
        packages,
        program: python,
        script: root.join("xtask/bench/peer_python.py"),
        env: Vec::new(),
    })
}

/// Installs (or finds already installed) the pinned Node.js SDK under `scratch/node`.
pub fn node(root: &Path, scratch: &Path) -> Installed {
    let prefix = scratch.join("node");
    let manifest = prefix.join("node_modules/tencentcloud-sdk-nodejs-common/package.json");
    let packages = format!("tencentcloud-sdk-nodejs-common@{NODE_COMMON}");

    let installed_version = || -> Option<String> {
        let text = std::fs::read_to_string(&manifest).ok()?;
        let manifest: serde_json::Value = serde_json::from_str(&text).ok()?;
        manifest["version"].as_str().map(str::to_owned)
    };
    if installed_version().as_deref() != Some(NODE_COMMON) {
        eprintln!("bench: installing {packages} into {}", prefix.display());
        std::fs::create_dir_all(&prefix)
            .map_err(|e| format!("cannot create {}: {e}", prefix.display()))?;
        run_quietly(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&prefix)
                .arg(&packages),
            "npm install",
        )?;
        if installed_version().as_deref() != Some(NODE_COMMON) {
            return Err(format!(
                "npm did not leave {packages} in {}",
                prefix.display()
            ));
        }
    }

    Ok(Peer {
        name: "node",
        packages,
        program: PathBuf::from("node"),
        script: root.join("xtask/bench/peer_node.js"),
        env: vec![("PEER_NODE_DIR", prefix)],
    })
}

impl Peer {
    /// Runs one task of the driver and reads its one line of JSON figures.
    pub fn run<T: Serialize, R: DeserializeOwned>(&self, task: &T) -> Result<R, String> {
        let task = serde_json::to_string(task).map_err(|e| e.to_string())?;
        let output = Command::new(&self.program)
            .arg(&self.script)
            .arg(&task)
            .envs(self.env.iter().map(|(name, value)| (name, value)))
            .env("NO_PROXY", "127.0.0.1")
            .env("no_proxy", "127.0.0.1")
            .output()
            .map_err(|e| format!("could not run {}: {e}", self.program.display()))?;
        if !output.status.success() {
            return Err(format!(
                "the {} driver failed ({}): {}",
                self.name,
                output.status,
                last_line(&output.stderr)
            ));
        }
        serde_json::from_slice(&output.stdout).map_err(|e| {
            format!(
                "the {} driver printed no figures ({e}): {}",
                self.name,
                last_line(&output.stdout)
            )
        })
    }
}

fn run_quietly(command: &mut Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{what} could not start: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} failed ({}): {}",
        output.status,
        last_line(&output.stderr)
    ))
}

fn last_line(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("(no output)")
        .trim()
        .to_owned()
}
