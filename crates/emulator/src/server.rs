//! The HTTP/1.1 accept loop: one task per connection, stopped by a shutdown signal.

use std::convert::Infallible;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use crate::handler::handle;
use crate::state::State;

/// Accepts connections until `shutdown` changes or its sender goes away, then lets the open
/// connections finish their current request.
pub(crate) async fn serve(listener: TcpListener, state: Arc<State>, shutdown: watch::Receiver<()>) {
    let mut connections = JoinSet::new();
    let mut stop = shutdown.clone();
    loop {
        tokio::select! {
            _ = stop.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, state.clone(), shutdown.clone()));
                }
                Err(err) => {
                    // Usually out of file descriptors; wait instead of spinning.
                    tracing::warn!(error = %err, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }

    while connections.join_next().await.is_some() {}
}

async fn serve_connection(stream: TcpStream, state: Arc<State>, mut shutdown: watch::Receiver<()>) {
    let service = service_fn(move |request| {
        let state = state.clone();
        async move { Ok::<_, Infallible>(handle(state, request).await) }
    });
    let mut connection =
        pin!(http1::Builder::new().serve_connection(TokioIo::new(stream), service));

    let outcome = tokio::select! {
        outcome = connection.as_mut() => outcome,
        _ = shutdown.changed() => {
            connection.as_mut().graceful_shutdown();
            connection.await
        }
    };
    if let Err(err) = outcome {
        tracing::debug!(error = %err, "a connection ended with an error");
    }
}
