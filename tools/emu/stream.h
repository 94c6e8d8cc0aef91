/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * footsock-emu: paced frame streaming on the interrupt IN endpoint.
 *
 * Frame k of a run (seq k, counted from START) is due at the absolute
 * device time t0 + k / rate, computed from k every time (no accumulated
 * rounding), and carries timestamp_us = t0_us + floor(k * 1e6 / rate).
 * A thread sleeps to the deadlines (clock_nanosleep, TIMER_ABSTIME,
 * CLOCK_MONOTONIC) and writes B = clamp(rate / 250, 1, maxpacket / 64)
 * frames per transfer, more (up to maxpacket / 64) when it is behind.
 * Frames the host has not taken yet are kept, never dropped (the
 * deadlines say when a frame was sampled, not when it leaves).
 */
#ifndef FOOTSOCK_EMU_STREAM_H
#define FOOTSOCK_EMU_STREAM_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "emu.h"
#include "faults.h"
#include "rng.h"
#include "source.h"

/* Pacing arithmetic, exact for any k: floor(k * 1e9 / rate) etc. */
uint64_t emu_pace_offset_ns(uint64_t k, unsigned int rate);
uint64_t emu_pace_offset_us(uint64_t k, unsigned int rate);
/* How many frames (k >= 0) are due rel_ns after frame 0: the k with
 * emu_pace_offset_ns(k) <= rel_ns. */
uint64_t emu_pace_due(uint64_t rel_ns, unsigned int rate);
/* Frames per transfer: clamp(rate / 250, 1, maxpacket / 64). */
unsigned int emu_batch_frames(unsigned int rate, unsigned int maxpacket);

/*
 * Encodes one frame. zero[i] is added to pressure counts of a sample that
 * is not exact (the untared zero reading); NULL for none.
 */
void emu_frame_encode(struct footsock_frame *f, uint32_t seq,
		      uint64_t timestamp_us, const struct emu_sample *s,
		      const int32_t *zero);

#define EMU_OUTQ	64	/* frames waiting to be written */

/*
 * What one run (since START) has put on the bus, for the tests: only
 * writes that completed count (a write the host never took fails), so
 * these are the frames and transfers the host's URBs received. One
 * exception: dummy_hcd completes an IN transfer of at most 64 bytes at
 * once into its one-packet FIFO, so a zero-length transfer (badlen) is
 * confirmed only by the write after it; zlp_unconfirmed (0 or 1) is the
 * last one when that write did not complete. And an oversize transfer is
 * two packets: a STOP between them ends the write with EINTR after the
 * host took the first (maxpacket bytes); cut_frames and cut_padding are
 * what that first packet carried, which the host may or may not have.
 */
struct stream_run {
	uint64_t frames;	/* in completed transfers, cut ones included */
	uint64_t transfers;
	uint64_t shorts;	/* short: transfers cut by 10 bytes */
	uint64_t short_frames;	/* the frames they carried */
	uint64_t short_trailing; /* of those, after the last whole transfer */
	uint64_t oversize;	/* oversize transfers */
	uint64_t padding;	/* their 64-byte blocks of zeros */
	uint64_t zlps;		/* badlen: zero-length transfers, confirmed */
	uint64_t zlp_unconfirmed;
	uint64_t cut_frames, cut_padding;	/* an interrupted oversize */
	/*
	 * mutate=SEED: what the mutator did, and what the host must make of
	 * the whole transfers it took. Frames are judged on the wire bytes
	 * the host received: bad (CRC or version fails: crc_errors), and the
	 * good ones through the sequence rule of docs/protocol.md (the
	 * driver's footsock_check_seq(): a frame ahead counts the numbers
	 * skipped, one a little behind is dropped and counts one, one far
	 * behind restarts the count and counts one) into exp_gaps and
	 * exp_pushed. Transfers truncated or lengthened to a length that is
	 * not whole frames are shorts (short_transfers), their frames lost.
	 */
	uint64_t mut_frames;	/* frames the mutator changed */
	uint64_t mut_bitflips, mut_crc, mut_version;	/* made bad */
	uint64_t mut_seq;	/* sequence jumps, repeats, restarts, wraps */
	uint64_t mut_ts;	/* timestamp jumps, steps back, wraps, stalls */
	uint64_t mut_cut, mut_odd;	/* transfers truncated, lengthened */
	uint64_t mut_lost;	/* frames in those transfers */
	uint64_t exp_bad;	/* bad frames in whole transfers */
	uint64_t exp_gaps;
	uint64_t exp_pushed;
};

struct stream {
	/* set before stream_start(), constant afterwards */
	struct emu_source *src;
	const struct emu_faults *faults;
	const struct emu_calib *calib;
	uint64_t power_ns;	/* CLOCK_MONOTONIC at power-up */
	int notify_fd;		/* eventfd: a request for the main loop */
	bool verbose;

	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_t thread;
	bool thread_running;

	/* under lock: the host's and the bus's commands */
	bool quit, started, enabled;
	bool start_pending;	/* a START the streamer has not begun */
	bool tared;
	unsigned int rate;
	int ep_fd;
	unsigned int maxpacket;
	unsigned int gen;	/* bumped on every command */
	unsigned int ack_gen;	/* the last gen the streamer has seen */

	/* under lock: the streamer's requests and figures */
	bool want_disconnect;
	bool source_ended;
	uint64_t frames_sent;	/* since power-up */
	uint64_t transfers;
	struct stream_run run_stats;	/* since START */
	bool run_seen;			/* a START has been taken */

	/* the streamer's own */
	uint32_t seq;		/* of the next frame generated */
	uint64_t seg_k;		/* next frame's index in the segment */
	uint64_t seg_base_us;	/* device time of the segment's frame 0 */
	unsigned int seg_rate;
	uint64_t session_transfers;
	bool stall_done, disconnect_done;
	bool halt_done, halting;	/* halt=N: halted until a reset */
	struct footsock_frame outq[EMU_OUTQ];
	unsigned int outq_len;
	struct footsock_frame held;	/* reorder: waits for the next frame */
	bool have_held;
	struct emu_sensor_state sensor;	/* stuck=ZONE's frozen readings */
	/* mutate=SEED, per run */
	struct emu_rng mut_rng;
	uint64_t mut_k;		/* frames generated in this run */
	uint32_t mut_wire_seq;	/* the sequence number sent next */
	uint64_t mut_ts_off;	/* added to the device clock, mod 2^64 */
	uint64_t mut_stall_ts;
	unsigned int mut_stall;	/* frames still to carry mut_stall_ts */
	uint32_t model_next;	/* the host's expected sequence number */
	bool model_fresh;
	unsigned int model_stale;
};

int stream_init(struct stream *s, struct emu_source *src,
		const struct emu_faults *faults, const struct emu_calib *calib,
		unsigned int rate, int notify_fd);
void stream_destroy(struct stream *s);

int stream_start(struct stream *s);	/* the thread */
void stream_stop(struct stream *s);	/* ends and joins it */

/* Commands, from the ep0 thread. */
void stream_cmd_start(struct stream *s);
void stream_cmd_stop(struct stream *s);
void stream_cmd_set_rate(struct stream *s, unsigned int rate);
void stream_cmd_tare(struct stream *s);
/* ENABLE (with the endpoint's file and maxpacket) or DISABLE/UNBIND. */
void stream_set_enabled(struct stream *s, bool enabled, int ep_fd,
			unsigned int maxpacket);

unsigned int stream_rate(struct stream *s);
bool stream_tared(struct stream *s);
/* Takes the streamer's disconnect request, if any. */
bool stream_take_disconnect(struct stream *s);
/* This run's figures; returns whether a run has started since power-up. */
bool stream_run_stats(struct stream *s, struct stream_run *r);
/* One line on stdout (flushed): "footsock-emu: WHAT: N frames in ...". */
void stream_print_run(const char *what, const struct stream_run *r);
/* mutate=SEED's account: "footsock-emu: WHAT mutate: frames N intact ...". */
void stream_print_mutate(const char *what, const struct stream_run *r);

/* Device time now, microseconds since power-up. */
uint64_t stream_now_us(const struct stream *s);

#endif /* FOOTSOCK_EMU_STREAM_H */
