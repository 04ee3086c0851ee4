//! The loopback server: answers every request on 127.0.0.1 with the seed response,
//! checking nothing, so the clients' figures are their own cost plus the same fixed cost.

use std::convert::Infallible;
use std::net::SocketAddr;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::runtime::Runtime;

use super::decoding::SEED;

/// A running seed server; it stops with its runtime when dropped.
pub struct SeedServer {
    address: SocketAddr,
    _runtime: Runtime,
}

impl SeedServer {
    /// Starts the server on an ephemeral port of 127.0.0.1 on its own two threads.
    pub fn start() -> Result<SeedServer, String> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("seed-server")
            .enable_all()
            .build()
            .map_err(|e| format!("could not start the loopback server's runtime: {e}"))?;
        let listener = runtime
            .block_on(TcpListener::bind("127.0.0.1:0"))
            .map_err(|e| format!("could not listen on 127.0.0.1: {e}"))?;
        let address = listener
            .local_addr()
            .map_err(|e| format!("could not read the loopback server's address: {e}"))?;
        runtime.spawn(accept(listener));
        Ok(SeedServer {
            address,
            _runtime: runtime,
        })
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }
}

async fn accept(listener: TcpListener) {
    loop {
        let Ok((stream, _peer)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(async move {
            let service = service_fn(|request: hyper::Request<hyper::body::Incoming>| async {
                // Read the body so the connection stays reusable; its content is not looked at.
                let _ = request.into_body().collect().await;
                let response = hyper::Response::builder()
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from_static(SEED)))
                    .expect("a static response builds");
                Ok::<_, Infallible>(response)
            });
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
