//! An emulator whose Tokio clock stands still until a test moves it.
//!
//! The emulator runs on its own thread in a current-thread runtime with paused time. Its
//! quota windows read that runtime's clock, which never moves by itself (the server sets no
//! timers), so a burst of requests is seen at one instant however slowly the test machine
//! sends it, and a test moves time forward explicitly with [`FrozenClock::advance`].

use std::sync::Arc;
use std::thread;
use std::time::Duration;

use tencentcloud_emulator::{Emulator, EmulatorBuilder};
use tokio::sync::{mpsc, oneshot};

/// A running emulator on a paused clock.
pub struct FrozenClock {
    pub emulator: Arc<Emulator>,
    advance: mpsc::UnboundedSender<(Duration, oneshot::Sender<()>)>,
}

impl FrozenClock {
    /// Starts `builder` on a paused runtime in a thread of its own.
    pub fn start(builder: EmulatorBuilder) -> FrozenClock {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (advance, mut commands) = mpsc::unbounded_channel::<(Duration, oneshot::Sender<()>)>();

        thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .expect("a paused runtime");
            runtime.block_on(async move {
                let emulator = Arc::new(builder.start().await.expect("the emulator starts"));
                ready_tx
                    .send(emulator)
                    .expect("the test waits for the emulator");
                while let Some((by, done)) = commands.recv().await {
                    tokio::time::advance(by).await;
                    let _ = done.send(());
                }
            });
        });

        let emulator = ready_rx.recv().expect("the emulator thread reports back");
        FrozenClock { emulator, advance }
    }

    /// Moves the emulator's clock forward.
    pub async fn advance(&self, by: Duration) {
        let (done, moved) = oneshot::channel();
        self.advance
            .send((by, done))
            .expect("the emulator thread runs");
        moved.await.expect("the emulator thread moves its clock");
    }
}
