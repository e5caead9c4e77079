import type { Reference } from "../core/types.js";

/** Papers cited by the neural estimators. Ids are stable; add new entries, never rename. */
export const NEURAL_REFERENCES = {
  poole2019: {
    id: "poole2019",
    citation: "B. Poole, S. Ozair, A. van den Oord, A. A. Alemi, G. Tucker. On variational bounds of mutual information. ICML 2019, PMLR 97:5171-5180.",
    url: "https://arxiv.org/abs/1905.06922",
  },
  belghazi2018: {
    id: "belghazi2018",
    citation: "M. I. Belghazi, A. Baratin, S. Rajeswar, S. Ozair, Y. Bengio, A. Courville, R. D. Hjelm. Mutual information neural estimation. ICML 2018, PMLR 80:531-540.",
    url: "https://arxiv.org/abs/1801.04062",
  },
  nguyen2010: {
    id: "nguyen2010",
    citation: "X. Nguyen, M. J. Wainwright, M. I. Jordan. Estimating divergence functionals and the likelihood ratio by convex risk minimization. IEEE Trans. Inf. Theory 56(11):5847-5861 (2010).",
    doi: "10.1109/TIT.2010.2068870",
    url: "https://arxiv.org/abs/0809.0853",
  },
  vandenOord2018: {
    id: "vandenOord2018",
    citation: "A. van den Oord, Y. Li, O. Vinyals. Representation learning with contrastive predictive coding. arXiv:1807.03748 (2018).",
    url: "https://arxiv.org/abs/1807.03748",
  },
  hjelm2019: {
    id: "hjelm2019",
    citation: "R. D. Hjelm, A. Fedorov, S. Lavoie-Marchildon, K. Grewal, P. Bachman, A. Trischler, Y. Bengio. Learning deep representations by mutual information estimation and maximization. ICLR 2019.",
    url: "https://arxiv.org/abs/1808.06670",
  },
  songErmon2020: {
    id: "songErmon2020",
    citation: "J. Song, S. Ermon. Understanding the limitations of variational mutual information estimators. ICLR 2020.",
    url: "https://arxiv.org/abs/1910.06222",
  },
  cheng2020: {
    id: "cheng2020",
    citation: "P. Cheng, W. Hao, S. Dai, J. Liu, Z. Gan, L. Carin. CLUB: A contrastive log-ratio upper bound of mutual information. ICML 2020, PMLR 119:1779-1788.",
    url: "https://arxiv.org/abs/2006.12013",
  },
  ozair2019: {
    id: "ozair2019",
    citation: "S. Ozair, C. Lynch, Y. Bengio, A. van den Oord, S. Levine, P. Sermanet. Wasserstein dependency measure for representation learning. NeurIPS 2019.",
    url: "https://arxiv.org/abs/1903.11780",
  },
  gulrajani2017: {
    id: "gulrajani2017",
    citation: "I. Gulrajani, F. Ahmed, M. Arjovsky, V. Dumoulin, A. Courville. Improved training of Wasserstein GANs. NeurIPS 2017.",
    url: "https://arxiv.org/abs/1704.00028",
  },
  miyato2018: {
    id: "miyato2018",
    citation: "T. Miyato, T. Kataoka, M. Koyama, Y. Yoshida. Spectral normalization for generative adversarial networks. ICLR 2018.",
    url: "https://arxiv.org/abs/1802.05957",
  },
  kingmaBa2015: {
    id: "kingmaBa2015",
    citation: "D. P. Kingma, J. Ba. Adam: A method for stochastic optimization. ICLR 2015.",
    url: "https://arxiv.org/abs/1412.6980",
  },
} as const satisfies Record<string, Reference>;
