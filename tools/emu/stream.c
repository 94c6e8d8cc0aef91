// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * footsock-emu: paced frame streaming.
 *
 * One thread owns the interrupt IN endpoint's file. A FunctionFS write
 * blocks until the host takes the data, so the ep0 thread interrupts a
 * blocked write (STOP, DISABLE, exit) with SIGUSR1, installed without
 * SA_RESTART: FunctionFS then dequeues the request and write() fails with
 * EINTR. The signal is repeated until the streamer acknowledges the
 * command, which closes the race of a signal landing just before write().
 */
#include <endian.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "stream.h"

#define NSEC_PER_SEC	1000000000ull
#define USEC_PER_SEC	1000000ull
#define KICK_NS		2000000	/* repeat the signal every 2 ms */

uint64_t emu_pace_offset_ns(uint64_t k, unsigned int rate)
{
	return (k / rate) * NSEC_PER_SEC + (k % rate) * NSEC_PER_SEC / rate;
}

uint64_t emu_pace_offset_us(uint64_t k, unsigned int rate)
{
	return (k / rate) * USEC_PER_SEC + (k % rate) * USEC_PER_SEC / rate;
}

uint64_t emu_pace_due(uint64_t rel_ns, unsigned int rate)
{
	/* k * 1e9 / rate <= rel  <=>  k < (rel + 1) * rate / 1e9 */
	unsigned __int128 x = (unsigned __int128)(rel_ns + 1) * rate;

	return (uint64_t)((x + NSEC_PER_SEC - 1) / NSEC_PER_SEC);
}

unsigned int emu_batch_frames(unsigned int rate, unsigned int maxpacket)
{
	unsigned int b = rate / 250, cap = maxpacket / FOOTSOCK_FRAME_SIZE;

	if (cap < 1)
		cap = 1;
	if (b < 1)
		b = 1;
	return b > cap ? cap : b;
}

void emu_frame_encode(struct footsock_frame *f, uint32_t seq,
		      uint64_t timestamp_us, const struct emu_sample *s,
		      const int32_t *zero)
{
	int i;

	memset(f, 0, sizeof(*f));
	f->version = FOOTSOCK_FRAME_VERSION;
	f->seq = htole32(seq);
	f->timestamp_us = htole64(timestamp_us);
	for (i = 0; i < EMU_NP; i++) {
		uint32_t v = s->pressure[i];

		if (!s->exact && zero && !(s->faults & FOOTSOCK_FAULT_PRESSURE(i)))
			v += (uint32_t)zero[i];
		f->pressure[i] = htole16((uint16_t)(v > 0xffff ? 0xffff : v));
	}
	for (i = 0; i < EMU_NT; i++)
		f->temp[i] = htole16((uint16_t)s->temp[i]);
	f->faults = htole32(s->faults);
	f->crc = htole16(footsock_crc16(f, FOOTSOCK_FRAME_CRC_LEN));
}

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t stream_now_us(const struct stream *s)
{
	return (mono_ns() - s->power_ns) / 1000;
}

static void on_kick(int sig)
{
	(void)sig;
}

int stream_init(struct stream *s, struct emu_source *src,
		const struct emu_faults *faults, const struct emu_calib *calib,
		unsigned int rate, int notify_fd)
{
	pthread_condattr_t ca;
	int ret;

	memset(s, 0, sizeof(*s));
	s->src = src;
	s->faults = faults;
	s->calib = calib;
	s->rate = rate;
	s->notify_fd = notify_fd;
	s->ep_fd = -1;
	s->power_ns = mono_ns();
	/* mutate=SEED: one sequence of mutations from power-up on */
	emu_rng_seed(&s->mut_rng, faults->n[EMU_F_MUTATE]);
	ret = pthread_mutex_init(&s->lock, NULL);
	if (ret)
		return -ret;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	ret = pthread_cond_init(&s->cond, &ca);
	pthread_condattr_destroy(&ca);
	if (ret) {
		pthread_mutex_destroy(&s->lock);
		return -ret;
	}
	return 0;
}

void stream_destroy(struct stream *s)
{
	pthread_cond_destroy(&s->cond);
	pthread_mutex_destroy(&s->lock);
}

/* Under lock: the streamer has seen the current command. */
static void acknowledge(struct stream *s)
{
	if (s->ack_gen != s->gen) {
		s->ack_gen = s->gen;
		pthread_cond_broadcast(&s->cond);
	}
}

/*
 * Under lock: publish a command. With interrupt, wait until the streamer
 * has seen it, signalling it out of a blocked write or sleep.
 */
static void publish(struct stream *s, bool interrupt)
{
	unsigned int gen = ++s->gen;
	struct timespec ts;

	pthread_cond_broadcast(&s->cond);
	if (!interrupt || !s->thread_running)
		return;
	while (s->ack_gen != gen) {
		pthread_kill(s->thread, SIGUSR1);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		ts.tv_nsec += KICK_NS;
		if (ts.tv_nsec >= (long)NSEC_PER_SEC) {
			ts.tv_sec++;
			ts.tv_nsec -= (long)NSEC_PER_SEC;
		}
		pthread_cond_timedwait(&s->cond, &s->lock, &ts);
	}
}

void stream_cmd_start(struct stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->started = true;
	s->start_pending = true;
	publish(s, true);
	pthread_mutex_unlock(&s->lock);
}

void stream_cmd_stop(struct stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->started = false;
	s->start_pending = false;
	publish(s, true);
	pthread_mutex_unlock(&s->lock);
}

void stream_cmd_set_rate(struct stream *s, unsigned int rate)
{
	pthread_mutex_lock(&s->lock);
	s->rate = rate;
	publish(s, false);
	pthread_mutex_unlock(&s->lock);
}

void stream_cmd_tare(struct stream *s)
{
	pthread_mutex_lock(&s->lock);
	s->tared = true;
	publish(s, false);
	pthread_mutex_unlock(&s->lock);
}

void stream_set_enabled(struct stream *s, bool enabled, int ep_fd,
			unsigned int maxpacket)
{
	pthread_mutex_lock(&s->lock);
	s->enabled = enabled;
	if (enabled) {
		s->ep_fd = ep_fd;
		s->maxpacket = maxpacket;
	} else {
		/* a reset or unplug ends the run; the host STARTs again */
		s->started = false;
		s->start_pending = false;
	}
	publish(s, !enabled);
	pthread_mutex_unlock(&s->lock);
}

unsigned int stream_rate(struct stream *s)
{
	unsigned int r;

	pthread_mutex_lock(&s->lock);
	r = s->rate;
	pthread_mutex_unlock(&s->lock);
	return r;
}

bool stream_tared(struct stream *s)
{
	bool t;

	pthread_mutex_lock(&s->lock);
	t = s->tared;
	pthread_mutex_unlock(&s->lock);
	return t;
}

bool stream_take_disconnect(struct stream *s)
{
	bool d;

	pthread_mutex_lock(&s->lock);
	d = s->want_disconnect;
	s->want_disconnect = false;
	pthread_mutex_unlock(&s->lock);
	return d;
}

bool stream_run_stats(struct stream *s, struct stream_run *r)
{
	bool seen;

	pthread_mutex_lock(&s->lock);
	*r = s->run_stats;
	seen = s->run_seen;
	pthread_mutex_unlock(&s->lock);
	return seen;
}

void stream_print_run(const char *what, const struct stream_run *r)
{
	printf("footsock-emu: %s: %llu frames in %llu transfers; short %llu "
	       "(%llu frames, %llu after the last whole transfer), oversize %llu "
	       "(%llu padding frames), zlp %llu (+%llu unconfirmed), "
	       "cut oversize %llu+%llu\n", what,
	       (unsigned long long)r->frames, (unsigned long long)r->transfers,
	       (unsigned long long)r->shorts,
	       (unsigned long long)r->short_frames,
	       (unsigned long long)r->short_trailing,
	       (unsigned long long)r->oversize, (unsigned long long)r->padding,
	       (unsigned long long)r->zlps,
	       (unsigned long long)r->zlp_unconfirmed,
	       (unsigned long long)r->cut_frames,
	       (unsigned long long)r->cut_padding);
	fflush(stdout);
}

void stream_print_mutate(const char *what, const struct stream_run *r)
{
	printf("footsock-emu: %s mutate: %llu frames mutated (bitflip %llu, "
	       "crc %llu, version %llu, sequence %llu, timestamp %llu); "
	       "transfers truncated %llu, lengthened %llu (%llu frames in them); "
	       "expect crc_errors %llu short_transfers %llu sequence_gaps %llu "
	       "frames %llu\n", what,
	       (unsigned long long)r->mut_frames,
	       (unsigned long long)r->mut_bitflips,
	       (unsigned long long)r->mut_crc,
	       (unsigned long long)r->mut_version,
	       (unsigned long long)r->mut_seq, (unsigned long long)r->mut_ts,
	       (unsigned long long)r->mut_cut, (unsigned long long)r->mut_odd,
	       (unsigned long long)r->mut_lost,
	       (unsigned long long)r->exp_bad,
	       (unsigned long long)(r->mut_cut + r->mut_odd),
	       (unsigned long long)r->exp_gaps,
	       (unsigned long long)r->exp_pushed);
	fflush(stdout);
}

static void notify_main(struct stream *s)
{
	uint64_t one = 1;

	if (s->notify_fd >= 0 && write(s->notify_fd, &one, sizeof(one)) < 0)
		perror("footsock-emu: eventfd");
}

/* Under lock: should the streamer be sending? */
static bool running(const struct stream *s)
{
	return !s->quit && s->started && s->enabled && !s->source_ended;
}

/* A snapshot of what the streamer needs, taken under lock. */
struct snap {
	unsigned int gen;
	unsigned int rate;
	unsigned int maxpacket;
	int fd;
	bool tared;
};

static void take_snap(struct stream *s, struct snap *sn)
{
	sn->gen = s->gen;
	sn->rate = s->rate;
	sn->maxpacket = s->maxpacket;
	sn->fd = s->ep_fd;
	sn->tared = s->tared;
}

static void outq_push(struct stream *s, const struct footsock_frame *f)
{
	if (s->outq_len < EMU_OUTQ)
		s->outq[s->outq_len++] = *f;
}

/*
 * mutate=SEED. The first frames of a run go out intact: the host takes
 * the first frame numbered below 64 as the start of the stream.
 */
#define MUT_WARMUP	128

/* Under lock (the counters): one frame's mutation, in place. */
static void mutate_frame(struct stream *s, struct footsock_frame *f)
{
	struct emu_rng *r = &s->mut_rng;
	uint64_t k = s->mut_k++, ts = le64toh(f->timestamp_us), wire_ts;
	unsigned int u = (unsigned int)(emu_rng_next(r) % 1000);
	unsigned int bits[3], nbits = 0, i, j;
	struct stream_run *st = &s->run_stats;
	uint8_t *b = (uint8_t *)f;
	uint32_t seq;

	if (k < MUT_WARMUP)
		u = 999;
	/* 18 %: sequence chaos, 12 %: the device clock */
	if (u < 60) {			/* jump ahead */
		s->mut_wire_seq += 2 + (uint32_t)(emu_rng_next(r) % 100000);
	} else if (u < 100) {		/* a repeat, or a late frame */
		seq = s->mut_wire_seq - 1 - (uint32_t)(emu_rng_next(r) % 64);
		st->mut_seq++;
		st->mut_frames++;
		goto encode;
	} else if (u < 140) {		/* far behind: a restarted count */
		s->mut_wire_seq -= 65 + (uint32_t)(emu_rng_next(r) % 0x7fffff00u);
	} else if (u < 180) {		/* just below 2^32: wraps soon */
		s->mut_wire_seq = UINT32_MAX - (uint32_t)(emu_rng_next(r) % 8);
	} else if (u < 210) {		/* clock jumps ahead */
		s->mut_ts_off += 1 + emu_rng_next(r) % (UINT64_C(1) << 36);
	} else if (u < 230) {		/* clock steps back */
		s->mut_ts_off -= 1 + emu_rng_next(r) % (UINT64_C(1) << 36);
	} else if (u < 250) {		/* just below 2^64 or 2^50 us */
		s->mut_ts_off = (u < 240 ? 0 : UINT64_C(1) << 50) - ts -
				(1 + emu_rng_next(r) % 100000);
	} else if (u < 300) {		/* stalls for a while */
		s->mut_stall = 1 + (unsigned int)(emu_rng_next(r) % 32);
		s->mut_stall_ts = ts + s->mut_ts_off;
	}
	if (u < 180)
		st->mut_seq++;
	else if (u < 300)
		st->mut_ts++;
	if (u < 300)
		st->mut_frames++;
	seq = s->mut_wire_seq++;
encode:
	wire_ts = ts + s->mut_ts_off;
	if (s->mut_stall) {
		wire_ts = s->mut_stall_ts;
		s->mut_stall--;
	}
	f->seq = htole32(seq);
	f->timestamp_us = htole64(wire_ts);
	f->crc = htole16(footsock_crc16(f, FOOTSOCK_FRAME_CRC_LEN));

	/* 25 % made bad: the frame is lost, its number with it */
	if (u < 300 || u >= 550)
		return;
	st->mut_frames++;
	if (u < 400) {
		/* 1 to 3 distinct bits of bytes 0..61: the CRC (distance 4
		 * at this length) catches every such error */
		nbits = 1 + (unsigned int)(emu_rng_next(r) % 3);
		for (i = 0; i < nbits; i++) {
again:
			bits[i] = (unsigned int)(emu_rng_next(r) %
						 (FOOTSOCK_FRAME_CRC_LEN * 8));
			for (j = 0; j < i; j++)
				if (bits[j] == bits[i])
					goto again;
			b[bits[i] / 8] ^= (uint8_t)(1u << (bits[i] % 8));
		}
		st->mut_bitflips++;
	} else if (u < 475) {
		f->crc ^= htole16((uint16_t)(1 + emu_rng_next(r) % 0xffff));
		st->mut_crc++;
	} else {
		f->version = (uint8_t)(FOOTSOCK_FRAME_VERSION + 1 +
				       emu_rng_next(r) % 255);
		f->crc = htole16(footsock_crc16(f, FOOTSOCK_FRAME_CRC_LEN));
		st->mut_version++;
	}
}

/*
 * Under lock: the host's view of the whole-frame transfer it took, by the
 * rule docs/protocol.md gives for sequence numbers (see stream.h).
 */
static void mutate_model(struct stream *s, const struct footsock_frame *fr,
			 unsigned int n)
{
	struct stream_run *st = &s->run_stats;
	unsigned int i;
	uint32_t seq;
	int32_t delta;

	for (i = 0; i < n; i++) {
		if (fr[i].version != FOOTSOCK_FRAME_VERSION ||
		    footsock_crc16(&fr[i], FOOTSOCK_FRAME_CRC_LEN) !=
		    le16toh(fr[i].crc)) {
			st->exp_bad++;
			continue;
		}
		seq = le32toh(fr[i].seq);
		if (s->model_fresh) {
			if (seq >= 64 && s->model_stale < 64) {
				s->model_stale++;
				continue;
			}
			s->model_fresh = false;
		}
		delta = (int32_t)(seq - s->model_next);
		if (delta == 0) {
			s->model_next = seq + 1;
			st->exp_pushed++;
		} else if (delta > 0) {
			st->exp_gaps += (uint64_t)delta;
			s->model_next = seq + 1;
			st->exp_pushed++;
		} else {
			st->exp_gaps++;
			if (delta < -64) {
				s->model_next = seq + 1;
				st->exp_pushed++;
			}
		}
	}
}

/* A generated frame through the per-frame faults into the queue. */
static void emit_frame(struct stream *s, struct footsock_frame *f)
{
	const struct emu_faults *fa = s->faults;
	uint64_t nth = (uint64_t)le32toh(f->seq) + 1;

	if (fa->n[EMU_F_MUTATE]) {
		pthread_mutex_lock(&s->lock);
		mutate_frame(s, f);
		pthread_mutex_unlock(&s->lock);
		outq_push(s, f);
		return;
	}

	if (emu_fault_hits(fa, EMU_F_BADVERSION, nth)) {
		f->version = 0x7f;
		f->crc = htole16(footsock_crc16(f, FOOTSOCK_FRAME_CRC_LEN));
	}
	if (emu_fault_hits(fa, EMU_F_BADCRC, nth))
		f->crc ^= htole16(0x5a5a);
	if (emu_fault_hits(fa, EMU_F_DROP, nth))
		return;
	if (emu_fault_hits(fa, EMU_F_REORDER, nth) && !s->have_held) {
		s->held = *f;
		s->have_held = true;
		return;
	}
	outq_push(s, f);
	if (emu_fault_hits(fa, EMU_F_DUP, nth))
		outq_push(s, f);
	if (s->have_held) {
		outq_push(s, &s->held);
		s->have_held = false;
	}
}

/*
 * One write of len bytes. Retries when a signal interrupted it for a
 * command that keeps the stream running; gives up (-EINTR) otherwise.
 */
static int write_transfer(struct stream *s, int fd, const void *buf,
			  size_t len)
{
	bool go;
	ssize_t n;

	for (;;) {
		n = write(fd, buf, len);
		if (n == (ssize_t)len)
			return 0;
		if (n >= 0)
			return -EIO;
		if (errno != EINTR)
			return -errno;
		pthread_mutex_lock(&s->lock);
		go = running(s) && !s->start_pending;
		pthread_mutex_unlock(&s->lock);
		if (!go)
			return -EINTR;
	}
}

static void sleep_until(uint64_t ns);

/* Writes the queued frames, at most maxpacket bytes per transfer. */
static int flush_queue(struct stream *s, const struct snap *sn)
{
	unsigned char buf[2 * 1024 + 2 * FOOTSOCK_FRAME_SIZE];
	unsigned int cap = sn->maxpacket / FOOTSOCK_FRAME_SIZE;
	unsigned int done = 0, n;
	size_t len, mp = sn->maxpacket;
	bool zlp, cut, big, mcut = false, modd = false;
	unsigned int u;
	int ret;

	if (cap < 1)
		cap = 1;
	if (mp > 2048)
		mp = 2048;
	while (done < s->outq_len) {
		n = s->outq_len - done;
		if (n > cap)
			n = cap;
		len = (size_t)n * FOOTSOCK_FRAME_SIZE;
		memcpy(buf, &s->outq[done], len);
		s->session_transfers++;
		zlp = emu_fault_hits(s->faults, EMU_F_BADLEN, s->session_transfers);
		cut = emu_fault_hits(s->faults, EMU_F_SHORT, s->session_transfers);
		big = !cut && emu_fault_hits(s->faults, EMU_F_OVERSIZE,
					     s->session_transfers);
		if (zlp) {
			ret = write_transfer(s, sn->fd, buf, 0);
			if (ret < 0)
				return ret;
			pthread_mutex_lock(&s->lock);
			s->run_stats.zlp_unconfirmed = 1;
			pthread_mutex_unlock(&s->lock);
		}
		if (s->faults->n[EMU_F_MUTATE] && s->mut_k > MUT_WARMUP) {
			/* 4 % truncated, 4 % lengthened, never to a whole
			 * number of frames, never to 64 bytes or less (see
			 * struct stream_run: those complete unconfirmed) */
			u = (unsigned int)(emu_rng_next(&s->mut_rng) % 100);
			mcut = u < 4 && n >= 2;
			modd = u >= 4 && u < 8 && n < cap;
			if (mcut) {
				len = 65 + emu_rng_next(&s->mut_rng) % (len - 65);
				if (len % FOOTSOCK_FRAME_SIZE == 0)
					len--;
			} else if (modd) {
				size_t extra = 1 + emu_rng_next(&s->mut_rng) % 63, i;

				for (i = 0; i < extra; i++)
					buf[len + i] = (unsigned char)emu_rng_next(&s->mut_rng);
				len += extra;
			}
		}
		if (cut) {
			len -= 10;
		} else if (big) {
			memset(buf + len, 0, mp + FOOTSOCK_FRAME_SIZE - len);
			len = mp + FOOTSOCK_FRAME_SIZE;
		}
		ret = write_transfer(s, sn->fd, buf, len);
		if (ret < 0) {
			if (big) {
				pthread_mutex_lock(&s->lock);
				s->run_stats.cut_frames = n;
				s->run_stats.cut_padding = mp / FOOTSOCK_FRAME_SIZE - n;
				pthread_mutex_unlock(&s->lock);
			}
			return ret;
		}
		done += n;
		pthread_mutex_lock(&s->lock);
		s->frames_sent += n;
		s->transfers++;
		s->run_stats.frames += n;
		s->run_stats.transfers++;
		/* the ZLP before it went out first */
		s->run_stats.zlps += s->run_stats.zlp_unconfirmed;
		s->run_stats.zlp_unconfirmed = 0;
		if (cut) {
			s->run_stats.shorts++;
			s->run_stats.short_frames += n;
			s->run_stats.short_trailing += n;
		} else {
			s->run_stats.short_trailing = 0;
		}
		if (mcut || modd) {
			s->run_stats.mut_cut += mcut;
			s->run_stats.mut_odd += modd;
			s->run_stats.mut_lost += n;
		} else if (s->faults->n[EMU_F_MUTATE]) {
			mutate_model(s, (const struct footsock_frame *)buf, n);
		}
		if (big) {
			s->run_stats.oversize++;
			s->run_stats.padding += (len - (size_t)n * FOOTSOCK_FRAME_SIZE) /
						FOOTSOCK_FRAME_SIZE;
		}
		pthread_mutex_unlock(&s->lock);
	}
	s->outq_len = 0;

	if (!s->stall_done && s->faults->n[EMU_F_STALL] &&
	    s->frames_sent >= s->faults->n[EMU_F_STALL]) {
		s->stall_done = true;
		/* reading an IN endpoint's file halts it */
		if (read(sn->fd, buf, 1) < 0 && errno != EBADMSG)
			fprintf(stderr, "footsock-emu: fault stall: %s\n",
				strerror(errno));
		else
			fprintf(stderr, "footsock-emu: fault: endpoint halted after %llu frames\n",
				(unsigned long long)s->frames_sent);
	}
	if (!s->halt_done && s->faults->n[EMU_F_HALT] &&
	    s->frames_sent >= s->faults->n[EMU_F_HALT]) {
		s->halt_done = true;
		s->halting = true;
		fprintf(stderr, "footsock-emu: fault: endpoint halted until a reset, after %llu frames\n",
			(unsigned long long)s->frames_sent);
	}
	if (!s->disconnect_done && s->faults->n[EMU_F_DISCONNECT] &&
	    s->frames_sent >= s->faults->n[EMU_F_DISCONNECT]) {
		s->disconnect_done = true;
		pthread_mutex_lock(&s->lock);
		s->want_disconnect = true;
		pthread_mutex_unlock(&s->lock);
		notify_main(s);
	}
	return 0;
}

/*
 * halt=N: keep the endpoint halted, sending nothing, until a command (the
 * DISABLE of the host's reset) arrives. Halting again every millisecond
 * means every URB the host submits after clearing the halt meets it.
 */
static void halt_until_command(struct stream *s, const struct snap *sn)
{
	unsigned int gen;
	char c;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		gen = s->gen;
		pthread_mutex_unlock(&s->lock);
		if (gen != sn->gen)
			return;
		if (read(sn->fd, &c, 1) < 0 && errno != EBADMSG &&
		    errno != EINTR && s->verbose)
			fprintf(stderr, "footsock-emu: fault halt: %s\n",
				strerror(errno));
		sleep_until(mono_ns() + 1000000);
	}
}

static void sleep_until(uint64_t ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(ns / NSEC_PER_SEC),
		.tv_nsec = (long)(ns % NSEC_PER_SEC),
	};

	/* EINTR: a command; the caller looks at it */
	clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
}

/* Waits (under lock) until a command changes what the streamer saw. */
static void wait_command(struct stream *s, unsigned int gen)
{
	while (s->gen == gen && !s->quit)
		pthread_cond_wait(&s->cond, &s->lock);
}

/*
 * Streams until a command arrives that the streamer must look at, or the
 * endpoint fails. Called and returns without the lock.
 */
static void run(struct stream *s, const struct snap *sn)
{
	int32_t zero[EMU_NP];
	struct footsock_frame f;
	struct emu_sample smp;
	uint64_t base_ns, due, now, k, i, n;
	unsigned int b, cap, gen;
	int ret, ch;

	for (ch = 0; ch < EMU_NP; ch++)
		zero[ch] = sn->tared ? 0 : -s->calib->offset[ch];
	b = emu_batch_frames(s->seg_rate, sn->maxpacket);
	cap = sn->maxpacket / FOOTSOCK_FRAME_SIZE;
	if (cap < 1)
		cap = 1;
	base_ns = s->power_ns + s->seg_base_us * 1000;

	for (;;) {
		pthread_mutex_lock(&s->lock);
		gen = s->gen;
		pthread_mutex_unlock(&s->lock);
		if (gen != sn->gen)
			return;
		if (s->halting) {
			halt_until_command(s, sn);
			return;
		}

		now = mono_ns();
		due = now < base_ns ? 0 : emu_pace_due(now - base_ns, s->seg_rate);
		if (due < s->seg_k + b) {
			sleep_until(base_ns + emu_pace_offset_ns(s->seg_k + b - 1,
								   s->seg_rate));
			continue;
		}
		n = due - s->seg_k;
		if (n > cap)
			n = cap;
		for (i = 0; i < n; i++) {
			k = s->seg_k;
			ret = source_next(s->src, s->seq, 1.0 / s->seg_rate, &smp);
			if (ret <= 0) {
				if (s->have_held) {
					outq_push(s, &s->held);
					s->have_held = false;
				}
				flush_queue(s, sn);
				pthread_mutex_lock(&s->lock);
				s->source_ended = true;
				pthread_mutex_unlock(&s->lock);
				if (ret < 0)
					fprintf(stderr, "footsock-emu: %s\n",
						s->src->replay ?
						replay_error(s->src->replay) :
						"source failed");
				printf("footsock-emu: source ended after %llu frames\n",
				       (unsigned long long)s->src->samples);
				fflush(stdout);
				return;
			}
			emu_sensor_faults_apply(s->faults, &s->sensor,
						s->src->samples - 1, &smp);
			emu_frame_encode(&f, s->seq, s->seg_base_us +
					 emu_pace_offset_us(k, s->seg_rate),
					 &smp, zero);
			emit_frame(s, &f);
			s->seq++;
			s->seg_k++;
		}
		ret = flush_queue(s, sn);
		if (ret == -EINTR)
			return;
		if (ret < 0) {
			/* the endpoint went away (DISABLE, UNBIND): wait */
			if (s->verbose)
				fprintf(stderr, "footsock-emu: write: %s\n",
					strerror(-ret));
			s->outq_len = 0;
			pthread_mutex_lock(&s->lock);
			acknowledge(s);
			wait_command(s, sn->gen);
			pthread_mutex_unlock(&s->lock);
			return;
		}
	}
}

static void *stream_main(void *arg)
{
	struct stream *s = arg;
	struct snap sn;
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);

	pthread_mutex_lock(&s->lock);
	for (;;) {
		acknowledge(s);
		if (s->quit)
			break;
		if (!running(s)) {
			/* a stopped run leaves nothing behind */
			s->outq_len = 0;
			s->have_held = false;
			wait_command(s, s->gen);
			continue;
		}
		if (s->start_pending) {
			s->start_pending = false;
			s->seq = 0;
			s->seg_k = 0;
			s->seg_rate = s->rate;
			s->seg_base_us = (mono_ns() - s->power_ns) / 1000;
			s->session_transfers = 0;
			s->outq_len = 0;
			s->have_held = false;
			s->halting = false;
			memset(&s->run_stats, 0, sizeof(s->run_stats));
			s->run_seen = true;
			s->mut_k = 0;
			s->mut_wire_seq = 0;
			s->mut_ts_off = 0;
			s->mut_stall = 0;
			s->model_next = 0;
			s->model_fresh = true;
			s->model_stale = 0;
		} else if (s->rate != s->seg_rate) {
			/* a new segment from the next frame on */
			s->seg_base_us += emu_pace_offset_us(s->seg_k, s->seg_rate);
			s->seg_k = 0;
			s->seg_rate = s->rate;
		}
		take_snap(s, &sn);
		pthread_mutex_unlock(&s->lock);
		run(s, &sn);
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int stream_start(struct stream *s)
{
	struct sigaction sa;
	int ret;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_kick;	/* no SA_RESTART: writes fail with EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0)
		return -errno;
	ret = pthread_create(&s->thread, NULL, stream_main, s);
	if (ret)
		return -ret;
	pthread_mutex_lock(&s->lock);
	s->thread_running = true;
	pthread_mutex_unlock(&s->lock);
	return 0;
}

void stream_stop(struct stream *s)
{
	bool joined;

	pthread_mutex_lock(&s->lock);
	joined = !s->thread_running;
	s->quit = true;
	publish(s, true);
	s->thread_running = false;
	pthread_mutex_unlock(&s->lock);
	if (!joined)
		pthread_join(s->thread, NULL);
}
