// ESPHome Builder panel. Generated from frontend/src by frontend/build.mjs: do not edit.
var Xt=Object.defineProperty;var Qt=Object.getOwnPropertyDescriptor;var l=(r,t,e,i)=>{for(var s=i>1?void 0:i?Qt(t,e):t,n=r.length-1,o;n>=0;n--)(o=r[n])&&(s=(i?o(t,e,s):o(s))||s);return i&&s&&Xt(t,e,s),s};var ye=globalThis,xe=ye.ShadowRoot&&(ye.ShadyCSS===void 0||ye.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,Pe=Symbol(),st=new WeakMap,pe=class{constructor(t,e,i){if(this._$cssResult$=!0,i!==Pe)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(xe&&t===void 0){let i=e!==void 0&&e.length===1;i&&(t=st.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),i&&st.set(e,t))}return t}toString(){return this.cssText}},nt=r=>new pe(typeof r=="string"?r:r+"",void 0,Pe),b=(r,...t)=>{let e=r.length===1?r[0]:t.reduce((i,s,n)=>i+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(s)+r[n+1],r[0]);return new pe(e,r,Pe)},ot=(r,t)=>{if(xe)r.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let i=document.createElement("style"),s=ye.litNonce;s!==void 0&&i.setAttribute("nonce",s),i.textContent=e.cssText,r.appendChild(i)}},Ie=xe?r=>r:r=>r instanceof CSSStyleSheet?(t=>{let e="";for(let i of t.cssRules)e+=i.cssText;return nt(e)})(r):r;var{is:ei,defineProperty:ti,getOwnPropertyDescriptor:ii,getOwnPropertyNames:ri,getOwnPropertySymbols:si,getPrototypeOf:ni}=Object,$e=globalThis,at=$e.trustedTypes,oi=at?at.emptyScript:"",ai=$e.reactiveElementPolyfillSupport,he=(r,t)=>r,ue={toAttribute(r,t){switch(t){case Boolean:r=r?oi:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,t){let e=r;switch(t){case Boolean:e=r!==null;break;case Number:e=r===null?null:Number(r);break;case Object:case Array:try{e=JSON.parse(r)}catch{e=null}}return e}},we=(r,t)=>!ei(r,t),lt={attribute:!0,type:String,converter:ue,reflect:!1,useDefault:!1,hasChanged:we};Symbol.metadata??=Symbol("metadata"),$e.litPropertyMetadata??=new WeakMap;var D=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=lt){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let i=Symbol(),s=this.getPropertyDescriptor(t,i,e);s!==void 0&&ti(this.prototype,t,s)}}static getPropertyDescriptor(t,e,i){let{get:s,set:n}=ii(this.prototype,t)??{get(){return this[e]},set(o){this[e]=o}};return{get:s,set(o){let p=s?.call(this);n?.call(this,o),this.requestUpdate(t,p,i)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??lt}static _$Ei(){if(this.hasOwnProperty(he("elementProperties")))return;let t=ni(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(he("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(he("properties"))){let e=this.properties,i=[...ri(e),...si(e)];for(let s of i)this.createProperty(s,e[s])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[i,s]of e)this.elementProperties.set(i,s)}this._$Eh=new Map;for(let[e,i]of this.elementProperties){let s=this._$Eu(e,i);s!==void 0&&this._$Eh.set(s,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let i=new Set(t.flat(1/0).reverse());for(let s of i)e.unshift(Ie(s))}else t!==void 0&&e.push(Ie(t));return e}static _$Eu(t,e){let i=e.attribute;return i===!1?void 0:typeof i=="string"?i:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let i of e.keys())this.hasOwnProperty(i)&&(t.set(i,this[i]),delete this[i]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return ot(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,i){this._$AK(t,i)}_$ET(t,e){let i=this.constructor.elementProperties.get(t),s=this.constructor._$Eu(t,i);if(s!==void 0&&i.reflect===!0){let n=(i.converter?.toAttribute!==void 0?i.converter:ue).toAttribute(e,i.type);this._$Em=t,n==null?this.removeAttribute(s):this.setAttribute(s,n),this._$Em=null}}_$AK(t,e){let i=this.constructor,s=i._$Eh.get(t);if(s!==void 0&&this._$Em!==s){let n=i.getPropertyOptions(s),o=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:ue;this._$Em=s;let p=o.fromAttribute(e,n.type);this[s]=p??this._$Ej?.get(s)??p,this._$Em=null}}requestUpdate(t,e,i,s=!1,n){if(t!==void 0){let o=this.constructor;if(s===!1&&(n=this[t]),i??=o.getPropertyOptions(t),!((i.hasChanged??we)(n,e)||i.useDefault&&i.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(o._$Eu(t,i))))return;this.C(t,e,i)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:i,reflect:s,wrapped:n},o){i&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,o??e??this[t]),n!==!0||o!==void 0)||(this._$AL.has(t)||(this.hasUpdated||i||(e=void 0),this._$AL.set(t,e)),s===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[s,n]of this._$Ep)this[s]=n;this._$Ep=void 0}let i=this.constructor.elementProperties;if(i.size>0)for(let[s,n]of i){let{wrapped:o}=n,p=this[s];o!==!0||this._$AL.has(s)||p===void 0||this.C(s,void 0,n,p)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(i=>i.hostUpdate?.()),this.update(e)):this._$EM()}catch(i){throw t=!1,this._$EM(),i}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};D.elementStyles=[],D.shadowRootOptions={mode:"open"},D[he("elementProperties")]=new Map,D[he("finalized")]=new Map,ai?.({ReactiveElement:D}),($e.reactiveElementVersions??=[]).push("2.1.2");var Je=globalThis,ct=r=>r,ke=Je.trustedTypes,dt=ke?ke.createPolicy("lit-html",{createHTML:r=>r}):void 0,gt="$lit$",z=`lit$${Math.random().toFixed(9).slice(2)}$`,mt="?"+z,li=`<${mt}>`,G=document,be=()=>G.createComment(""),ge=r=>r===null||typeof r!="object"&&typeof r!="function",ze=Array.isArray,ci=r=>ze(r)||typeof r?.[Symbol.iterator]=="function",He=`[ 	
\f\r]`,fe=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,pt=/-->/g,ht=/>/g,W=RegExp(`>|${He}(?:([^\\s"'>=/]+)(${He}*=${He}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ut=/'/g,ft=/"/g,vt=/^(?:script|style|textarea|title)$/i,Ve=r=>(t,...e)=>({_$litType$:r,strings:t,values:e}),a=Ve(1),Xi=Ve(2),Qi=Ve(3),Z=Symbol.for("lit-noChange"),c=Symbol.for("lit-nothing"),bt=new WeakMap,K=G.createTreeWalker(G,129);function _t(r,t){if(!ze(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return dt!==void 0?dt.createHTML(t):t}var di=(r,t)=>{let e=r.length-1,i=[],s,n=t===2?"<svg>":t===3?"<math>":"",o=fe;for(let p=0;p<e;p++){let d=r[p],f,k,m=-1,q=0;for(;q<d.length&&(o.lastIndex=q,k=o.exec(d),k!==null);)q=o.lastIndex,o===fe?k[1]==="!--"?o=pt:k[1]!==void 0?o=ht:k[2]!==void 0?(vt.test(k[2])&&(s=RegExp("</"+k[2],"g")),o=W):k[3]!==void 0&&(o=W):o===W?k[0]===">"?(o=s??fe,m=-1):k[1]===void 0?m=-2:(m=o.lastIndex-k[2].length,f=k[1],o=k[3]===void 0?W:k[3]==='"'?ft:ut):o===ft||o===ut?o=W:o===pt||o===ht?o=fe:(o=W,s=void 0);let J=o===W&&r[p+1].startsWith("/>")?" ":"";n+=o===fe?d+li:m>=0?(i.push(f),d.slice(0,m)+gt+d.slice(m)+z+J):d+z+(m===-2?p:J)}return[_t(r,n+(r[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),i]},me=class r{constructor({strings:t,_$litType$:e},i){let s;this.parts=[];let n=0,o=0,p=t.length-1,d=this.parts,[f,k]=di(t,e);if(this.el=r.createElement(f,i),K.currentNode=this.el.content,e===2||e===3){let m=this.el.content.firstChild;m.replaceWith(...m.childNodes)}for(;(s=K.nextNode())!==null&&d.length<p;){if(s.nodeType===1){if(s.hasAttributes())for(let m of s.getAttributeNames())if(m.endsWith(gt)){let q=k[o++],J=s.getAttribute(m).split(z),_e=/([.?@])?(.*)/.exec(q);d.push({type:1,index:n,name:_e[2],strings:J,ctor:_e[1]==="."?Ne:_e[1]==="?"?qe:_e[1]==="@"?De:te}),s.removeAttribute(m)}else m.startsWith(z)&&(d.push({type:6,index:n}),s.removeAttribute(m));if(vt.test(s.tagName)){let m=s.textContent.split(z),q=m.length-1;if(q>0){s.textContent=ke?ke.emptyScript:"";for(let J=0;J<q;J++)s.append(m[J],be()),K.nextNode(),d.push({type:2,index:++n});s.append(m[q],be())}}}else if(s.nodeType===8)if(s.data===mt)d.push({type:2,index:n});else{let m=-1;for(;(m=s.data.indexOf(z,m+1))!==-1;)d.push({type:7,index:n}),m+=z.length-1}n++}}static createElement(t,e){let i=G.createElement("template");return i.innerHTML=t,i}};function ee(r,t,e=r,i){if(t===Z)return t;let s=i!==void 0?e._$Co?.[i]:e._$Cl,n=ge(t)?void 0:t._$litDirective$;return s?.constructor!==n&&(s?._$AO?.(!1),n===void 0?s=void 0:(s=new n(r),s._$AT(r,e,i)),i!==void 0?(e._$Co??=[])[i]=s:e._$Cl=s),s!==void 0&&(t=ee(r,s._$AS(r,t.values),s,i)),t}var Oe=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:i}=this._$AD,s=(t?.creationScope??G).importNode(e,!0);K.currentNode=s;let n=K.nextNode(),o=0,p=0,d=i[0];for(;d!==void 0;){if(o===d.index){let f;d.type===2?f=new ve(n,n.nextSibling,this,t):d.type===1?f=new d.ctor(n,d.name,d.strings,this,t):d.type===6&&(f=new Ue(n,this,t)),this._$AV.push(f),d=i[++p]}o!==d?.index&&(n=K.nextNode(),o++)}return K.currentNode=G,s}p(t){let e=0;for(let i of this._$AV)i!==void 0&&(i.strings!==void 0?(i._$AI(t,i,e),e+=i.strings.length-2):i._$AI(t[e])),e++}},ve=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,i,s){this.type=2,this._$AH=c,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=i,this.options=s,this._$Cv=s?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=ee(this,t,e),ge(t)?t===c||t==null||t===""?(this._$AH!==c&&this._$AR(),this._$AH=c):t!==this._$AH&&t!==Z&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):ci(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==c&&ge(this._$AH)?this._$AA.nextSibling.data=t:this.T(G.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:i}=t,s=typeof i=="number"?this._$AC(t):(i.el===void 0&&(i.el=me.createElement(_t(i.h,i.h[0]),this.options)),i);if(this._$AH?._$AD===s)this._$AH.p(e);else{let n=new Oe(s,this),o=n.u(this.options);n.p(e),this.T(o),this._$AH=n}}_$AC(t){let e=bt.get(t.strings);return e===void 0&&bt.set(t.strings,e=new me(t)),e}k(t){ze(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,i,s=0;for(let n of t)s===e.length?e.push(i=new r(this.O(be()),this.O(be()),this,this.options)):i=e[s],i._$AI(n),s++;s<e.length&&(this._$AR(i&&i._$AB.nextSibling,s),e.length=s)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let i=ct(t).nextSibling;ct(t).remove(),t=i}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},te=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,i,s,n){this.type=1,this._$AH=c,this._$AN=void 0,this.element=t,this.name=e,this._$AM=s,this.options=n,i.length>2||i[0]!==""||i[1]!==""?(this._$AH=Array(i.length-1).fill(new String),this.strings=i):this._$AH=c}_$AI(t,e=this,i,s){let n=this.strings,o=!1;if(n===void 0)t=ee(this,t,e,0),o=!ge(t)||t!==this._$AH&&t!==Z,o&&(this._$AH=t);else{let p=t,d,f;for(t=n[0],d=0;d<n.length-1;d++)f=ee(this,p[i+d],e,d),f===Z&&(f=this._$AH[d]),o||=!ge(f)||f!==this._$AH[d],f===c?t=c:t!==c&&(t+=(f??"")+n[d+1]),this._$AH[d]=f}o&&!s&&this.j(t)}j(t){t===c?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},Ne=class extends te{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===c?void 0:t}},qe=class extends te{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==c)}},De=class extends te{constructor(t,e,i,s,n){super(t,e,i,s,n),this.type=5}_$AI(t,e=this){if((t=ee(this,t,e,0)??c)===Z)return;let i=this._$AH,s=t===c&&i!==c||t.capture!==i.capture||t.once!==i.once||t.passive!==i.passive,n=t!==c&&(i===c||s);s&&this.element.removeEventListener(this.name,this,i),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},Ue=class{constructor(t,e,i){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=i}get _$AU(){return this._$AM._$AU}_$AI(t){ee(this,t)}};var pi=Je.litHtmlPolyfillSupport;pi?.(me,ve),(Je.litHtmlVersions??=[]).push("3.3.3");var yt=(r,t,e)=>{let i=e?.renderBefore??t,s=i._$litPart$;if(s===void 0){let n=e?.renderBefore??null;i._$litPart$=s=new ve(t.insertBefore(be(),n),n,void 0,e??{})}return s._$AI(r),s};var Be=globalThis,g=class extends D{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=yt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return Z}};g._$litElement$=!0,g.finalized=!0,Be.litElementHydrateSupport?.({LitElement:g});var hi=Be.litElementPolyfillSupport;hi?.({LitElement:g});(Be.litElementVersions??=[]).push("4.2.2");var ui={attribute:!0,type:String,converter:ue,reflect:!1,hasChanged:we},fi=(r=ui,t,e)=>{let{kind:i,metadata:s}=e,n=globalThis.litPropertyMetadata.get(s);if(n===void 0&&globalThis.litPropertyMetadata.set(s,n=new Map),i==="setter"&&((r=Object.create(r)).wrapped=!0),n.set(e.name,r),i==="accessor"){let{name:o}=e;return{set(p){let d=t.get.call(this);t.set.call(this,p),this.requestUpdate(o,d,r,!0,p)},init(p){return p!==void 0&&this.C(o,void 0,r,p),p}}}if(i==="setter"){let{name:o}=e;return function(p){let d=this[o];t.call(this,p),this.requestUpdate(o,d,r,!0,p)}}throw Error("Unsupported decorator location: "+i)};function h(r){return(t,e)=>typeof e=="object"?fi(r,t,e):((i,s,n)=>{let o=s.hasOwnProperty(n);return s.constructor.createProperty(n,i),o?Object.getOwnPropertyDescriptor(s,n):void 0})(r,t,e)}function u(r){return h({...r,state:!0,attribute:!1})}var Y=(r,t,e)=>(e.configurable=!0,e.enumerable=!0,Reflect.decorate&&typeof t!="object"&&Object.defineProperty(r,t,e),e);function A(r,t){return(e,i,s)=>{let n=o=>o.renderRoot?.querySelector(r)??null;if(t){let{get:o,set:p}=typeof i=="object"?e:s??(()=>{let d=Symbol();return{get(){return this[d]},set(f){this[d]=f}}})();return Y(e,i,{get(){let d=o.call(this);return d===void 0&&(d=n(this),(d!==null||this.hasUpdated)&&p.call(this,d)),d}})}return Y(e,i,{get(){return n(this)}})}}var bi=new Set(["completed","failed","cancelled"]);function x(r){return bi.has(r.status)}function y(r){return r&&typeof r=="object"&&"message"in r?String(r.message):String(r)}var We={startJob:(r,t,e,i,s)=>r.sendMessagePromise({type:"esphome_builder/jobs/start",action:t,configuration:e,...i?{device:i}:{},...s?{build_id:s}:{}}),cancelJob:(r,t)=>r.sendMessagePromise({type:"esphome_builder/jobs/cancel",job_id:t})};function xt(r){let t=0;if(r instanceof Map)for(let e of r.keys())typeof e=="number"&&e>t&&(t=e);return t}var ie=class ie{constructor(t){this._conn=t;this.socket=0;this.floor=0;this._users=0;this._seen=0;this._onDisconnected=()=>{this.socket++;let t=this._conn.oldSubscriptions;this.floor=Math.max(this.floor,t instanceof Map?xt(t):this._seen),this._seen=0}}static acquire(t){let e=ie._all.get(t);return e||(e=new ie(t),ie._all.set(t,e)),e._users++===0&&(t.addEventListener("disconnected",e._onDisconnected),e.floor=Math.max(e.floor,xt(t.oldSubscriptions))),e}release(){--this._users===0&&this._conn.removeEventListener("disconnected",this._onDisconnected)}skip(){let t=this._conn;typeof t.commandId=="number"&&t.commandId<this.floor&&(t.commandId=this.floor)}note(){let{commandId:t}=this._conn;typeof t=="number"&&(this._seen=Math.max(this._seen,t))}};ie._all=new WeakMap;var Fe=ie,re=class{constructor(t,e,i,s=()=>{},n=()=>!1){this._conn=t;this._message=e;this._onMessage=i;this._onState=s;this._isFatal=n;this.state="connecting";this.lastError=null;this._unsub=null;this._generation=0;this._timer=null;this._attempt=0;this._stopped=!1;this._onReady=()=>{this._stopped||this.state==="ended"||(this._attempt=0,this._subscribe())};this._onDisconnected=()=>{this._generation++,this._unsub=null,this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._setState("retrying")};this._ids=Fe.acquire(t),this._conn.addEventListener("ready",this._onReady),this._conn.addEventListener("disconnected",this._onDisconnected),this._subscribe()}restart(){this._stopped||(this._release(),this._subscribe())}end(){this._stopped||(this._setState("ended"),this.stop())}stop(){this._stopped||(this._stopped=!0,this._conn.removeEventListener("ready",this._onReady),this._conn.removeEventListener("disconnected",this._onDisconnected),this._timer!==null&&clearTimeout(this._timer),this._timer=null,this._release(),this._ids.release())}_release(){this._generation++;let t=this._unsub;this._unsub=null,this._unsubscribe(t)}_unsubscribe(t){!t||t.socket!==this._ids.socket||!this._conn.connected||t.fn().catch(()=>{})}async _subscribe(){if(this._stopped)return;this._timer!==null&&clearTimeout(this._timer),this._timer=null;let t=++this._generation;this.state!=="live"&&this._setState("connecting");try{this._ids.skip();let i={fn:await this._conn.subscribeMessage(s=>{t!==this._generation||this._stopped||(this._ids.note(),this._onMessage(s))},this._message,{resubscribe:!1}),socket:this._ids.socket};if(this._ids.note(),t!==this._generation||this._stopped){this._unsubscribe(i);return}this._unsub=i,this._attempt=0,this.lastError=null,this.state!=="ended"&&this._setState("live")}catch(e){if(t!==this._generation||this._stopped)return;if(this.lastError=y(e),this._isFatal(e)){this._setState("ended"),this.stop();return}if(this._setState("retrying"),this._conn.connected){let i=Math.min(1e3*2**this._attempt++,1e4);this._timer=setTimeout(()=>{this._subscribe()},i)}}}_setState(t){this.state=t,this._onState(this)}};var se={preview:(r,t)=>r.sendMessagePromise({type:"esphome_builder/batches/preview",...t}),start:(r,t)=>r.sendMessagePromise({type:"esphome_builder/batches/start",...t}),get:(r,t)=>r.sendMessagePromise({type:"esphome_builder/batches/get",batch_id:t}),cancel:(r,t)=>r.sendMessagePromise({type:"esphome_builder/batches/cancel",batch_id:t})};var $t=b`
  :host {
    --eb-log-bg: var(--esphome-builder-log-background, #fbfbfb);
    --eb-log-fg: var(--esphome-builder-log-color, #1f2328);
    --eb-marker-bg: rgba(127, 127, 127, 0.14);
    --eb-marker-fg: var(--secondary-text-color, #666);
    --eb-c0: #000000;
    --eb-c1: #c4262e;
    --eb-c2: #107c10;
    --eb-c3: #8a6d00;
    --eb-c4: #0451a5;
    --eb-c5: #a626a4;
    --eb-c6: #0e7490;
    --eb-c7: #5c5c5c;
    --eb-c8: #6e6e6e;
    --eb-c9: #e01b24;
    --eb-c10: #138a13;
    --eb-c11: #9a7b00;
    --eb-c12: #1a66c8;
    --eb-c13: #c030c0;
    --eb-c14: #0f8aa5;
    --eb-c15: #333333;
  }
  :host([dark]) {
    --eb-log-bg: var(--esphome-builder-log-background, #121212);
    --eb-log-fg: var(--esphome-builder-log-color, #d4d4d4);
    --eb-c0: #5a5a5a;
    --eb-c1: #f14c4c;
    --eb-c2: #23d18b;
    --eb-c3: #e5e510;
    --eb-c4: #3b8eea;
    --eb-c5: #d670d6;
    --eb-c6: #29b8db;
    --eb-c7: #cccccc;
    --eb-c8: #808080;
    --eb-c9: #ff6b6b;
    --eb-c10: #3ee6a0;
    --eb-c11: #f5f543;
    --eb-c12: #6aaaf2;
    --eb-c13: #e38de3;
    --eb-c14: #5fd0ec;
    --eb-c15: #f0f0f0;
  }
  .f0 { color: var(--eb-c0); } .f1 { color: var(--eb-c1); } .f2 { color: var(--eb-c2); }
  .f3 { color: var(--eb-c3); } .f4 { color: var(--eb-c4); } .f5 { color: var(--eb-c5); }
  .f6 { color: var(--eb-c6); } .f7 { color: var(--eb-c7); } .f8 { color: var(--eb-c8); }
  .f9 { color: var(--eb-c9); } .f10 { color: var(--eb-c10); } .f11 { color: var(--eb-c11); }
  .f12 { color: var(--eb-c12); } .f13 { color: var(--eb-c13); } .f14 { color: var(--eb-c14); }
  .f15 { color: var(--eb-c15); }
  .b0 { background: var(--eb-c0); } .b1 { background: var(--eb-c1); } .b2 { background: var(--eb-c2); }
  .b3 { background: var(--eb-c3); } .b4 { background: var(--eb-c4); } .b5 { background: var(--eb-c5); }
  .b6 { background: var(--eb-c6); } .b7 { background: var(--eb-c7); } .b8 { background: var(--eb-c8); }
  .b9 { background: var(--eb-c9); } .b10 { background: var(--eb-c10); } .b11 { background: var(--eb-c11); }
  .b12 { background: var(--eb-c12); } .b13 { background: var(--eb-c13); } .b14 { background: var(--eb-c14); }
  .b15 { background: var(--eb-c15); }
  .fi { color: var(--eb-log-bg); }
  .bi { background: var(--eb-log-fg); }
  .bo { font-weight: 700; }
  .dm { opacity: 0.7; }
  .it { font-style: italic; }
  .un { text-decoration: underline; }
  .st { text-decoration: line-through; }
  .un.st { text-decoration: underline line-through; }
  /* ESPHome's log levels, for lines that carry no colour of their own. */
  .lv-e { color: var(--eb-c1); font-weight: 700; }
  .lv-w { color: var(--eb-c3); font-weight: 700; }
  .lv-i { color: var(--eb-c2); }
  .lv-c { color: var(--eb-c5); }
  .lv-d { color: var(--eb-c6); }
  .lv-v { color: var(--eb-c7); }
  .lv-s { color: var(--eb-c2); font-weight: 700; }
`,_=b`
  :host {
    color: var(--primary-text-color);
  }
  button.eb {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 4px;
    min-height: 32px;
    padding: 0 12px;
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
    border-radius: 16px;
    background: transparent;
    color: var(--primary-color);
    font: inherit;
    font-size: 14px;
    font-weight: 500;
    cursor: pointer;
    white-space: nowrap;
  }
  button.eb:hover:not([disabled]) {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.08);
  }
  button.eb:focus-visible {
    outline: 2px solid var(--primary-color);
    outline-offset: 1px;
  }
  button.eb[disabled] {
    color: var(--disabled-text-color, #999);
    cursor: default;
  }
  button.eb.primary {
    background: var(--primary-color);
    border-color: var(--primary-color);
    color: var(--text-primary-color, #fff);
  }
  /* Hovered, a filled button stays filled: its text is white. */
  button.eb.primary:hover:not([disabled]) {
    background: var(--primary-color);
    filter: brightness(1.1);
  }
  button.link {
    padding: 0;
    border: none;
    background: none;
    color: var(--primary-color);
    font: inherit;
    cursor: pointer;
  }
  button.link:hover {
    text-decoration: underline;
  }
  button.eb.danger {
    color: var(--error-color, #db4437);
  }
  .card {
    background: var(--card-background-color, var(--ha-card-background, #fff));
    border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
    border-radius: var(--ha-card-border-radius, 12px);
    box-shadow: var(--ha-card-box-shadow, none);
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    padding: 1px 8px;
    border-radius: 10px;
    font-size: 12px;
    font-weight: 500;
    line-height: 18px;
    white-space: nowrap;
    background: rgba(127, 127, 127, 0.15);
    color: var(--primary-text-color);
  }
  .chip.running,
  .chip.queued,
  .chip.waiting {
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.15);
    color: var(--primary-color);
  }
  .chip.completed {
    background: rgba(var(--rgb-success-color, 67, 160, 71), 0.15);
    color: var(--success-color, #43a047);
  }
  .chip.failed {
    background: rgba(var(--rgb-error-color, 219, 68, 55), 0.15);
    color: var(--error-color, #db4437);
  }
  .chip.cancelled {
    background: rgba(var(--rgb-warning-color, 255, 166, 0), 0.15);
    color: var(--warning-color, #ffa600);
  }
  .progress {
    height: 4px;
    border-radius: 2px;
    background: rgba(var(--rgb-primary-color, 3, 169, 244), 0.18);
    overflow: hidden;
  }
  .progress > div {
    height: 100%;
    background: var(--primary-color);
    transition: width 0.3s ease;
  }
  .progress.indeterminate > div {
    width: 30% !important;
    animation: slide 1.2s ease-in-out infinite;
  }
  @keyframes slide {
    from { transform: translateX(-100%); }
    to { transform: translateX(340%); }
  }
  .secondary {
    color: var(--secondary-text-color);
  }
  .empty {
    padding: 32px 16px;
    text-align: center;
    color: var(--secondary-text-color);
  }
`,ne=b`
  dialog {
    box-sizing: border-box;
    border: none;
    border-radius: var(--ha-dialog-border-radius, 24px);
    padding: 24px;
    width: min(420px, calc(100vw - 48px));
    max-width: calc(100vw - 24px);
    background: var(--mdc-theme-surface, var(--card-background-color, #fff));
    color: var(--primary-text-color);
    box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35);
  }
  dialog::backdrop {
    background: rgba(0, 0, 0, 0.45);
  }
  dialog h2 {
    margin: 0 0 4px;
    font-size: 20px;
    font-weight: 500;
    overflow-wrap: anywhere;
  }
`,Se=b`
  :host {
    display: block;
  }
  h2 {
    margin: 8px 4px 8px;
    font-size: 14px;
    font-weight: 500;
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--secondary-text-color);
  }
  .list {
    margin-bottom: 24px;
    overflow: hidden;
  }
`;function Ke(r){if(!Number.isFinite(r)||r<0)return"";let t=Math.floor(r/1e3);if(t<60)return`${t}s`;let e=Math.floor(t/60);return e<60?`${e}m ${String(t%60).padStart(2,"0")}s`:`${Math.floor(e/60)}h ${String(e%60).padStart(2,"0")}m`}function oe(r,t){let e=Date.parse(r.started_at??r.created_at);if(Number.isNaN(e))return"";let i=r.finished_at?Date.parse(r.finished_at):t;return Ke(i-e)}function V(r,t){if(!r)return"";let e=new Date(r);if(Number.isNaN(e.getTime()))return"";let i=new Date().toDateString()===e.toDateString();return e.toLocaleString(t,i?{timeStyle:"short"}:{dateStyle:"short",timeStyle:"short"})}var $={validate:"Validate",compile:"Compile",upload:"Upload",install:"Install",clean:"Clean",logs:"Logs",rollback:"Roll back",setup:"Install ESPHome"};function T(r,t=!1){t?history.replaceState(null,"",r):history.pushState(null,"",r),window.dispatchEvent(new CustomEvent("location-changed",{detail:{replace:t}}))}function j(r,t){r.dispatchEvent(new CustomEvent("hass-notification",{detail:{message:t},bubbles:!0,composed:!0}))}async function wt(r){if(navigator.clipboard&&window.isSecureContext){await navigator.clipboard.writeText(r);return}let t=document.createElement("textarea");t.value=r,t.setAttribute("readonly",""),t.style.position="fixed",t.style.opacity="0",document.body.appendChild(t),t.select();try{if(!document.execCommand("copy"))throw new Error("copy refused")}finally{t.remove()}}function kt(r,t){let e=URL.createObjectURL(new Blob([t],{type:"text/plain;charset=utf-8"})),i=document.createElement("a");i.href=e,i.download=r,document.body.appendChild(i),i.click(),i.remove(),setTimeout(()=>URL.revokeObjectURL(e),1e4)}function v(r,t){customElements.get(r)||customElements.define(r,t)}var gi=new Set(["install","upload"]),R=class extends g{constructor(){super(...arguments);this._includeOffline=!1;this._canary=0;this._error="";this._busy=!1;this._seq=0}async open(e,i){return this._resolve?.(null),this._conn=e,this._ask=i,this._includeOffline=i.includeOffline??!1,this._canary=0,this._error="",this._busy=!1,await this.updateComplete,this._dialog.showModal(),this._refresh(),new Promise(s=>{this._resolve=s})}get _request(){let e={...this._ask.request};return e.include_offline=this._includeOffline,this._canary>0&&(e.canary=this._canary),e}get _flashing(){return gi.has(this._preview?.action??this._ask?.request.action??"")}async _refresh(){let e=++this._seq;this._preview=void 0,this._error="";try{let i=await se.preview(this._conn,this._request);e===this._seq&&(this._preview=i)}catch(i){e===this._seq&&(this._error=y(i))}}_finish(e){let i=this._resolve;this._resolve=void 0,this._seq++,this._dialog.open&&this._dialog.close(),i?.(e)}async _submit(e){if(e.preventDefault(),!(!this._preview?.run.length||this._busy)){this._busy=!0,this._error="";try{let{batch_id:i}=await se.start(this._conn,this._request);this._finish(i)}catch(i){this._error=`Could not start: ${y(i)}`}finally{this._busy=!1}}}_renderOptions(){return this._flashing?a`<div class="options">
      <label class="option">
        <input type="checkbox" name="include_offline" .checked=${this._includeOffline}
          @change=${e=>{this._includeOffline=e.target.checked,this._refresh()}} />
        <span>Include offline devices <span class="secondary">(and those Home Assistant does not know)</span></span>
      </label>
      ${this._ask?.request.retry_failed?c:a`<label class="option canary">
            <span>Canary</span>
            <input type="number" name="canary" min="0" max="99" inputmode="numeric" .value=${String(this._canary)}
              @input=${e=>{let i=Math.floor(Number(e.target.value));this._canary=Number.isFinite(i)&&i>0?Math.min(i,99):0,this._refresh()}} />
            <span class="secondary">run this many first; the rest only if they all succeed</span>
          </label>`}
    </div>`:c}_renderPreview(){if(this._error&&!this._preview)return a`<p class="error" role="alert">${this._error}</p>`;let e=this._preview;return e?a`
      <h3>Will run (${e.run.length})</h3>
      ${e.run.length?a`<ul class="run">
            ${e.run.map((i,s)=>a`<li data-configuration=${i.configuration}>
                <span class="name">${i.configuration}</span>
                ${s<e.canary?a`<span class="chip queued">canary</span>`:c}
                ${i.device?a`<span class="secondary">→ ${i.device}</span>`:c}
              </li>`)}
          </ul>`:a`<p class="secondary nothing">Nothing would run.</p>`}
      ${e.skipped.length?a`<h3>Skipped (${e.skipped.length})</h3>
            <ul class="skipped">
              ${e.skipped.map(i=>a`<li data-configuration=${i.configuration}>
                  <span class="name">${i.configuration}</span>
                  <span class="reason secondary">${i.reason}</span>
                </li>`)}
            </ul>`:c}
      ${this._error?a`<p class="error" role="alert">${this._error}</p>`:c}
    `:a`<p class="secondary checking">Checking what would run…</p>`}render(){let e=this._preview,i=$[e?.action??this._ask?.request.action??""]??"Start";return a`
      <dialog @close=${()=>this._finish(null)} @cancel=${()=>this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${this._ask?.title}</h2>
          <p class="secondary">${this._ask?.intro}</p>
          ${this._renderOptions()}
          <div class="preview" aria-live="polite">${this._renderPreview()}</div>
          <div class="buttons">
            <button class="eb" type="button" @click=${()=>this._finish(null)}>Cancel</button>
            <button class="eb primary confirm" type="submit" ?disabled=${!e?.run.length||this._busy}>
              ${this._busy?"Starting…":e?.run.length?`${i} ${e.run.length}`:i}
            </button>
          </div>
        </form>
      </dialog>
    `}};R.styles=[_,ne,b`
      dialog {
        padding: 20px;
        width: min(540px, calc(100vw - 24px));
      }
      h3 {
        margin: 12px 0 4px;
        font-size: 14px;
        font-weight: 500;
      }
      p {
        margin: 4px 0;
        overflow-wrap: anywhere;
      }
      .option {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        margin: 8px 0;
        cursor: pointer;
      }
      .option.canary {
        flex-wrap: wrap;
        align-items: center;
      }
      .option.canary .secondary {
        flex: 1 1 200px;
        font-size: 13px;
      }
      input[type="checkbox"] {
        flex: none;
        accent-color: var(--primary-color);
        margin: 3px 0 0;
      }
      input[name="canary"] {
        width: 4em;
        padding: 4px 8px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      .preview {
        max-height: 45vh;
        overflow-y: auto;
        margin-top: 8px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 8px;
        padding: 6px 0;
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        overflow-wrap: anywhere;
      }
      .name {
        font-weight: 500;
        min-width: 0;
      }
      .reason {
        flex-basis: 100%;
        font-size: 13px;
      }
      .error {
        color: var(--error-color, #db4437);
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        flex-wrap: wrap;
        gap: 8px;
        margin-top: 16px;
      }
    `],l([u()],R.prototype,"_ask",2),l([u()],R.prototype,"_includeOffline",2),l([u()],R.prototype,"_canary",2),l([u()],R.prototype,"_preview",2),l([u()],R.prototype,"_error",2),l([u()],R.prototype,"_busy",2),l([A("dialog")],R.prototype,"_dialog",2);v("esphome-builder-batch-dialog",R);var mi=new Set(["completed","failed","cancelled","skipped"]);function Ce(r){return mi.has(r)}function St(r,t,e){let i=new Map,s=new Map;for(let n of e)i.set(n.job_id,n),n.batch_id===r.batch_id&&n.action===r.action&&!s.has(n.configuration)&&s.set(n.configuration,n);return t.map(n=>{let o=n.job_id?i.get(n.job_id):s.get(n.configuration),p={configuration:n.configuration,status:n.status,progress:0,error:n.error,reason:n.skipped_reason,jobId:n.job_id??o?.job_id??null,startedAt:n.started_at??o?.started_at??null,finishedAt:n.finished_at??null,job:o};return o&&!Ce(n.status)&&(p.status=o.status,p.progress=o.status==="running"&&o.progress||0,p.error=o.error,p.startedAt=o.started_at??p.startedAt,p.finishedAt=o.finished_at),p})}function At(r){let t={completed:0,failed:0,cancelled:0,skipped:0,queued:0,running:0};for(let e of r)e.status in t&&t[e.status]++;return t}var vi=["completed","failed","cancelled","skipped","running","queued"];function Ee(r){let t=vi.filter(e=>(r[e]??0)>0).map(e=>`${r[e]} ${e}`);return t.length?t.join(" · "):"nothing selected"}var je={running:"Running",completed:"Finished",cancelled:"Stopped early"};function Ct(r,t){return r.status!=="running"&&t.failed+t.cancelled>0}function Et(r,t){return r?.items&&r.status!=="running"?r:t&&r?{...t,...r,items:t.items}:t??r}var Ae=class{constructor(t,e,i=Date.now){this._fn=t;this._ms=e;this._now=i;this._last=-1/0;this._timer=null}request(){if(this._timer!==null)return;let t=this._last+this._ms-this._now();t<=0?this._run():this._timer=setTimeout(()=>this._run(),t)}stop(){this._timer!==null&&clearTimeout(this._timer),this._timer=null}_run(){this._timer=null,this._last=this._now(),this._fn()}};var Ze="/esphome-builder";function Ge(r){try{return decodeURIComponent(r)}catch{return r}}function jt(r){let t=r.split("/").filter(Boolean);return t[0]==="jobs"&&t[1]?{name:"job",jobId:Ge(t[1])}:t[0]==="jobs"?{name:"jobs"}:t[0]==="batches"&&t[1]?{name:"batch",batchId:Ge(t[1])}:t[0]==="batches"?{name:"jobs"}:t[0]==="builds"&&t[1]?{name:"builds",configuration:Ge(t[1])}:{name:"devices"}}function Lt(r){return r?.prefix||Ze}function Mt(r){if(r)return jt(r.path);let t=location.pathname.startsWith(Ze)?location.pathname.slice(Ze.length):"";return jt(t)}function B(r,t){return`${r}/jobs/${encodeURIComponent(t)}`}function X(r,t){return`${r}/batches/${encodeURIComponent(t)}`}function Tt(r,t){return`${r}/builds/${encodeURIComponent(t)}`}function P(r){r.metaKey||r.ctrlKey||r.shiftKey||r.button!==0||(r.preventDefault(),T(r.currentTarget.getAttribute("href")))}var _i=5,Q=class extends g{constructor(){super(...arguments);this.batches=[];this.base=""}render(){return this.batches.length?a`
      <h2>Batches</h2>
      <div class="card list">
        ${this.batches.slice(0,_i).map(e=>{let i=e.status==="completed"&&e.counts.failed?"failed":e.status;return a`<a class="batch" href=${X(this.base,e.batch_id)} @click=${P}
            data-batch-id=${e.batch_id} data-status=${e.status}>
            <span class="line">
              <span class="chip ${i}">${je[e.status]??e.status}</span>
              <span class="what">${$[e.action]??e.action} ${e.retry_of?"retry":"batch"}</span>
              <span class="secondary">${V(e.created_at,this.language)}</span>
            </span>
            <span class="counts secondary">${Ee(e.counts)}</span>
          </a>`})}
      </div>
    `:c}};Q.styles=[_,Se,b`
      .batch {
        display: flex;
        flex-direction: column;
        gap: 4px;
        padding: 12px 16px;
        color: inherit;
        text-decoration: none;
      }
      .batch + .batch {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .batch:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .counts {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
    `],l([h({attribute:!1})],Q.prototype,"batches",2),l([h()],Q.prototype,"base",2),l([h()],Q.prototype,"language",2);v("esphome-builder-batches",Q);var yi={queued:"Queued",running:"Running",waiting:"Waiting",completed:"Completed",failed:"Failed",cancelled:"Cancelled",skipped:"Skipped"};function O(r){return a`<span class="chip ${r.status}" data-status=${r.status}>${yi[r.status]??r.status}</span>`}function F(r){if(x(r))return c;let t=Math.max(0,Math.min(100,r.progress||0)),e=r.status==="queued"||t===0;return a`<div
    class="progress ${e?"indeterminate":""}"
    role="progressbar"
    aria-valuemin="0"
    aria-valuemax="100"
    aria-valuenow=${e?c:t}
  >
    <div style="width:${t}%"></div>
  </div>`}function ae(r,t){return a`<button class="eb back" @click=${t} title=${r} aria-label=${r}>
    <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M20,11V13H8L13.5,18.5L12.08,19.92L4.16,12L12.08,4.08L13.5,5.5L8,11H20Z" /></svg>
  </button>`}var le=b`
  :host {
    display: flex;
    flex-direction: column;
    gap: 12px;
  }
  .header {
    display: flex;
    flex-direction: column;
    gap: 8px;
    padding: 10px 12px;
  }
  .top {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
  }
  button.eb.back {
    flex: none;
    padding: 0;
    width: 36px;
    min-height: 36px;
    border-radius: 50%;
    border: none;
    color: var(--primary-text-color);
  }
  button.eb.back svg {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }
  .what {
    flex: 1;
    min-width: 180px;
  }
  .title {
    font-size: 16px;
    overflow-wrap: anywhere;
  }
`,Le=b`
  .meta {
    display: flex;
    align-items: center;
    gap: 10px;
    flex-wrap: wrap;
    margin-top: 2px;
    font-size: 13px;
  }
  .buttons {
    display: flex;
    gap: 8px;
    flex-wrap: wrap;
  }
`;var xi=new Set(["not_found","invalid_format"]),C=class extends g{constructor(){super(...arguments);this.batchId="";this.base="";this.jobs=[];this.now=Date.now();this._error="";this._cancelling=!1;this._seq=0}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.batchId&&this._reset()}disconnectedCallback(){super.disconnectedCallback(),this._throttle?.stop(),this._throttle=void 0,this._seq++}willUpdate(e){!this.isConnected||!this.hass||!this.batchId||(e.has("batchId")||!this._throttle?this._reset():e.has("live")&&this.live&&e.get("live")!==this.live&&(this.live.items&&this.live.status!=="running"||this._throttle.request()))}_reset(){this._throttle?.stop(),this._fetched=void 0,this._error="",this._cancelling=!1,this._seq++,this._throttle=new Ae(()=>{this._fetch()},1e3),this._throttle.request()}async _fetch(){if(!this.hass)return;let e=++this._seq;try{let{batch:i}=await se.get(this.hass.connection,this.batchId);if(e!==this._seq)return;this._fetched=i,this._error=""}catch(i){if(e!==this._seq)return;let s=i?.code??"";this._error=xi.has(s)?`This batch is not known: ${y(i)}`:y(i)}}async _cancel(){if(!(!this.hass||this._cancelling)){this._cancelling=!0;try{let{batch:e}=await se.cancel(this.hass.connection,this.batchId);this._fetched=e}catch(e){j(this,`Could not cancel: ${y(e)}`)}finally{this._cancelling=!1}}}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}_renderRow(e){let i=!Ce(e.status),s=e.startedAt?Date.parse(e.startedAt):NaN,n=e.finishedAt?Date.parse(e.finishedAt):i?this.now:NaN,o=Number.isNaN(s)||Number.isNaN(n)?"":Ke(n-s);return a`
      <div class="row" data-configuration=${e.configuration} data-status=${e.status}>
        <div class="line">
          ${O(e)}
          <span class="name">${e.configuration}</span>
          ${o?a`<span class="secondary">${o}</span>`:c}
          ${e.status==="running"&&e.progress?a`<span class="secondary">${e.progress}%</span>`:c}
          ${e.jobId?a`<a class="log" href=${B(this.base,e.jobId)} @click=${P}>Log</a>`:c}
        </div>
        ${e.job&&i?F(e.job):c}
        ${e.reason?a`<div class="reason secondary">${e.reason}</div>`:c}
        ${e.error&&e.status!=="completed"?a`<div class="error">${e.error}</div>`:c}
      </div>
    `}render(){let e=Et(this.live,this._fetched);if(!e)return a`<div class="card header">${this._renderBack()}
        <span class=${this._error?"error":"secondary"}>${this._error||"Loading…"}</span></div>`;let i=St(e,e.items??[],this.jobs),s=e.items?At(i):e.counts,n=i.length,o=i.filter(f=>Ce(f.status)).length,p=e.status==="running",d=e.status==="completed"&&s.failed?"failed":e.status;return a`
      <div class="card header" data-status=${e.status}>
        <div class="top">
          ${this._renderBack()}
          <div class="what">
            <div class="title">${$[e.action]??e.action} · ${n} configuration${n===1?"":"s"}</div>
            <div class="meta secondary">
              <span class="chip ${d} batch-status">${je[e.status]??e.status}</span>
              <span>${V(e.created_at,this.hass?.language)}</span>
              ${e.retry_of?a`<a href=${X(this.base,e.retry_of)} @click=${P}>retry of an earlier batch</a>`:c}
            </div>
          </div>
          <div class="buttons">
            ${p?a`<button class="eb danger cancel" ?disabled=${this._cancelling} @click=${this._cancel}>
                  ${this._cancelling?"Cancelling…":"Cancel"}</button>`:c}
            <button class="eb retry" ?disabled=${!Ct(e,s)}
              @click=${()=>this._fire("eb-retry-batch",{batchId:e.batch_id,includeOffline:e.include_offline===!0})}>Retry failed</button>
          </div>
        </div>
        <div class="summary" role="status">${Ee(s)}</div>
        ${e.reason?a`<div class="stopped error">${e.reason}</div>`:c}
        ${p?a`<div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=${n} aria-valuenow=${o}>
              <div style="width:${n?100*o/n:0}%"></div>
            </div>`:c}
        ${this._error?a`<div class="error fetch-error">${this._error}</div>`:c}
      </div>
      ${i.length?a`<div class="card list">${i.map(f=>this._renderRow(f))}</div>`:c}
    `}_renderBack(){return ae("All jobs",()=>this._fire("eb-back"))}};C.styles=[_,le,Le,b`
      :host {
        min-width: 0;
      }
      .summary {
        font-size: 14px;
        overflow-wrap: anywhere;
      }
      .list {
        overflow: hidden;
      }
      .row {
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 10px 16px;
        min-width: 0;
      }
      .row + .row {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .line {
        display: flex;
        align-items: center;
        gap: 6px 10px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .name {
        font-weight: 500;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      a {
        color: var(--primary-color);
        text-decoration: none;
        font-weight: 500;
      }
      a:hover {
        text-decoration: underline;
      }
      .log {
        margin-left: auto;
      }
      .reason {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .error {
        color: var(--error-color, #db4437);
        font-size: 13px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .progress {
        max-width: 480px;
      }
    `],l([h({attribute:!1})],C.prototype,"hass",2),l([h()],C.prototype,"batchId",2),l([h()],C.prototype,"base",2),l([h({attribute:!1})],C.prototype,"live",2),l([h({attribute:!1})],C.prototype,"jobs",2),l([h({type:Number})],C.prototype,"now",2),l([u()],C.prototype,"_fetched",2),l([u()],C.prototype,"_error",2),l([u()],C.prototype,"_cancelling",2);v("esphome-builder-batch",C);var Ye={list:(r,t)=>r.sendMessagePromise({type:"esphome_builder/builds/list",configuration:t}),download:(r,t)=>r.sendMessagePromise({type:"esphome_builder/builds/download",artifact_id:t})},Rt={ota:"OTA image",firmware:"Firmware",factory:"Factory image",uf2:"UF2 image",program:"Program"},$i=new Set(["ota","firmware","uf2","program"]);function Pt(r){return r.artifacts.some(t=>$i.has(t.kind))}function It(r){return r.artifacts.reduce((t,e)=>t+e.size,0)}function Xe(r){if(!Number.isFinite(r)||r<0)return"";if(r<1024)return`${r} B`;let t=["KB","MB","GB"],e=r/1024,i=0;for(;e>=1024&&i<t.length-1;)e/=1024,i++;return`${e<10?e.toFixed(1):Math.round(e)} ${t[i]}`}function Qe(r,t){let e=new Date(r);if(Number.isNaN(e.getTime()))return"";let i=new Date().toDateString()===e.toDateString();return e.toLocaleString(t,i?{timeStyle:"medium"}:{dateStyle:"medium",timeStyle:"short"})}function et(r,t){return new Map(r.filter(e=>e.configuration===t).map(e=>[e.job_id,e.status]))}var wi=new Set(["upload","install","rollback"]);function Ht(r,t,e){return t.some(i=>i.configuration===e&&i.status==="completed"&&wi.has(i.action)&&r.get(i.job_id)!=="completed")}function Ot(r){let t=document.createElement("a");t.href=r,t.download="",t.rel="noopener",t.style.display="none",document.body.appendChild(t),t.click(),t.remove()}var E=class extends g{constructor(){super(...arguments);this.configuration="";this.base="";this.jobs=[];this.revision="";this._error="";this._downloading=new Set;this._seen=new Map;this._seq=0;this._shown=""}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.configuration&&this._reset()}disconnectedCallback(){super.disconnectedCallback(),this._seq++}willUpdate(e){if(!this.isConnected||!this.hass||!this.configuration)return;if(this._shown!==this.configuration){this._reset();return}let i=e.has("revision");e.has("jobs")&&(i||=Ht(this._seen,this.jobs,this.configuration),this._seen=et(this.jobs,this.configuration)),i&&this._fetch()}_reset(){this._shown=this.configuration,this._builds=void 0,this._error="",this._seen=et(this.jobs,this.configuration),this._fetch()}async _fetch(){if(!this.hass)return;let e=++this._seq;try{let{builds:i}=await Ye.list(this.hass.connection,this.configuration);if(e!==this._seq)return;this._builds=i,this._error=""}catch(i){if(e!==this._seq)return;this._error=y(i)}}async _download(e){if(!(!this.hass||this._downloading.has(e.artifact_id))){this._downloading=new Set([...this._downloading,e.artifact_id]);try{let{url:i}=await Ye.download(this.hass.connection,e.artifact_id);Ot(i)}catch(i){j(this,`Could not download: ${y(i)}`)}finally{let i=new Set(this._downloading);i.delete(e.artifact_id),this._downloading=i}}}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}_rollback(e){let i=e.esphome_version?` (ESPHome ${e.esphome_version})`:"",s=Qe(e.created_at,this.hass?.language),n={configuration:this.configuration,buildId:e.build_id,note:`Flash the build of ${s}${i} again. Nothing is compiled.`};this._fire("eb-rollback",n)}_renderArtifact(e){let i=this._downloading.has(e.artifact_id);return a`<div class="artifact" data-kind=${e.kind}>
      <span class="kind">${Rt[e.kind]??e.kind}</span>
      <span class="secondary">${Xe(e.size)}</span>
      <button class="eb download" data-artifact-id=${e.artifact_id} ?disabled=${i}
        @click=${()=>{this._download(e)}}>${i?"Preparing…":"Download"}</button>
    </div>`}_renderBuild(e){let i=this.jobs.find(n=>n.job_id===e.job_id),s=Pt(e);return a`
      <div class="build" data-build-id=${e.build_id} ?data-last-known-good=${e.last_known_good}>
        <div class="line">
          <span class="when" title=${e.created_at}>${Qe(e.created_at,this.hass?.language)}</span>
          ${e.last_known_good?a`<span class="chip completed good" title="The newest build that was flashed and ran">Last known good</span>`:c}
          <span class="secondary version">${e.esphome_version?`ESPHome ${e.esphome_version}`:"ESPHome version unknown"}</span>
          <span class="secondary size">${Xe(It(e))}</span>
          <button class="eb rollback" ?disabled=${!s} @click=${()=>this._rollback(e)}
            title=${s?"Flash this build again":"This build has no image to send over the air"}>Roll back…</button>
        </div>
        <div class="artifacts">${e.artifacts.map(n=>this._renderArtifact(n))}</div>
        <div class="details secondary">
          ${e.config_hash?a`<span title="Hash of the configuration it was built from">config ${e.config_hash.slice(0,8)}</span>`:c}
          ${e.builder&&e.builder!=="local"?a`<span>on ${e.builder}</span>`:c}
          ${i?a`<a class="log" href=${B(this.base,i.job_id)} @click=${P}>Build log</a>`:c}
        </div>
      </div>
    `}_renderActive(){let e=this.jobs.find(i=>i.configuration===this.configuration&&!x(i));return e?a`<div class="active secondary">
      ${O(e)} <span>${$[e.action]??e.action}${e.action==="compile"||e.action==="install"?": its build appears here once it completes.":""}</span>
      <a href=${B(this.base,e.job_id)} @click=${P}>Log</a>
    </div>`:c}render(){let e=this.device,i=e?.friendly_name||e?.name||this.configuration,s=this._builds;return a`
      <div class="card header">
        <div class="top">
          ${ae("All devices",()=>this._fire("eb-back"))}
          <div class="what">
            <div class="title">Builds · ${i}</div>
            <div class="secondary meta">${this.configuration}${s?` · ${s.length} build${s.length===1?"":"s"}`:""}</div>
          </div>
        </div>
        <div class="secondary intro">Each successful compile or install on this machine keeps its images here.
          <i>Roll back</i> flashes an archived build again, without compiling.</div>
        ${this._renderActive()}
        ${this._error?a`<div class="error fetch-error">${this._error}</div>`:c}
      </div>
      ${s===void 0?this._error?c:a`<div class="empty">Loading…</div>`:s.length?a`<div class="card list">${s.map(n=>this._renderBuild(n))}</div>`:a`<div class="empty none">No archived builds yet. Compile or install this configuration to keep one.</div>`}
    `}};E.styles=[_,le,b`
      :host {
        min-width: 0;
      }
      .top {
        flex-wrap: nowrap;
      }
      .what {
        min-width: 0;
      }
      .meta,
      .intro,
      .details {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .active {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 13px;
      }
      .list {
        overflow: hidden;
      }
      .build {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 12px 16px;
        min-width: 0;
      }
      .build + .build {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .line {
        display: flex;
        align-items: center;
        gap: 6px 12px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .when {
        font-weight: 500;
      }
      .rollback {
        margin-left: auto;
      }
      .artifacts {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .artifact {
        display: flex;
        align-items: center;
        gap: 6px 12px;
        flex-wrap: wrap;
        padding: 6px 10px;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        font-size: 14px;
      }
      .artifact .kind {
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .artifact .download {
        margin-left: auto;
      }
      .details {
        display: flex;
        gap: 12px;
        flex-wrap: wrap;
      }
      a {
        color: var(--primary-color);
        text-decoration: none;
        font-weight: 500;
      }
      a:hover {
        text-decoration: underline;
      }
      .error {
        color: var(--error-color, #db4437);
        font-size: 13px;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
    `],l([h({attribute:!1})],E.prototype,"hass",2),l([h()],E.prototype,"configuration",2),l([h()],E.prototype,"base",2),l([h({attribute:!1})],E.prototype,"device",2),l([h({attribute:!1})],E.prototype,"jobs",2),l([h()],E.prototype,"revision",2),l([u()],E.prototype,"_builds",2),l([u()],E.prototype,"_error",2),l([u()],E.prototype,"_downloading",2);v("esphome-builder-builds",E);var ce={default:null,installed:[],pins:{},managed:!1},ki=/^20\d\d\.\d{1,2}\.\d{1,3}(?:(?:a|b|rc)\d{1,3})?$/;function Nt(r){return ki.test(r)}var Me={versions:r=>r.sendMessagePromise({type:"esphome_builder/esphome/versions"}),pin:(r,t,e,i=!1)=>r.sendMessagePromise({type:"esphome_builder/esphome/pin",configuration:t,version:e,exact:i}),install:(r,t)=>r.sendMessagePromise({type:"esphome_builder/esphome/install",...t?{version:t}:{}})};function qt(r){return r.find(t=>t.action==="setup"&&["queued","running"].includes(t.status))}function Dt(r){return r.filter(t=>t.action==="setup").map(t=>`${t.job_id}:${t.status}`).join(",")}var Si=["validate","install","compile","clean","logs"];function tt(r){return r.friendly_name||r.name||r.configuration}var N=class extends g{constructor(){super(...arguments);this.devices=[];this.latest=new Map;this.now=Date.now();this.loading=!1;this.versions=ce;this._filter=""}_matches(e,i){let s=[e.friendly_name,e.name,e.configuration,e.platform].filter(Boolean).join(" ").toLowerCase();return i.every(n=>s.includes(n))}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this._filter.toLowerCase().split(/\s+/).filter(Boolean),i=[...this.devices].sort((s,n)=>tt(s).localeCompare(tt(n))).filter(s=>this._matches(s,e));return a`
      <div class="top">
        <div class="filter">
          <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M9.5,3A6.5,6.5 0 0,1 16,9.5C16,11.11 15.41,12.59 14.44,13.73L14.71,14H15.5L20.5,19L19,20.5L14,15.5V14.71L13.73,14.44C12.59,15.41 11.11,16 9.5,16A6.5,6.5 0 0,1 3,9.5A6.5,6.5 0 0,1 9.5,3M9.5,5C7,5 5,7 5,9.5C5,12 7,14 9.5,14C12,14 14,12 14,9.5C14,7 12,5 9.5,5Z" /></svg>
          <input type="search" placeholder="Filter devices" aria-label="Filter devices" .value=${this._filter}
            @input=${s=>this._filter=s.target.value} />
        </div>
        <div class="fleet">
          <button class="eb validate-all" ?disabled=${!this.devices.length} @click=${()=>this._fire("eb-batch","validate")}>
            Validate all…</button>
          <button class="eb primary update-all" ?disabled=${!this.devices.length} @click=${()=>this._fire("eb-batch","install")}>
            Update all…</button>
        </div>
      </div>
      ${i.length?a`<div class="grid">${i.map(s=>this._renderDevice(s))}</div>`:a`<div class="empty">
            ${this.loading?"Loading…":this.devices.length?"No device matches the filter.":"No configurations yet. Put your device YAML files into the configurations folder."}
          </div>`}
    `}_renderDevice(e){let i=this.latest.get(e.configuration),s=e.known_to_ha??e.ha_device_id!=null,n=e.online===!0?!0:s&&e.online===!1?!1:null,o=n===!0?"Online":n===!1?"Offline":"Not in HA",p=i!==void 0&&!x(i);return a`
      <div class="card device" data-configuration=${e.configuration}>
        <div class="head">
          <div class="names">
            <div class="title">${tt(e)}</div>
            <div class="secondary">${e.configuration}${e.platform?a` · <span class="platform">${e.platform}</span>`:c}${e.remote?a` · <span class="remote" title="Only on a remote builder">remote on ${(e.builders??[]).join(", ")}</span>`:c}</div>
          </div>
          ${this._renderVersion(e)}
          <span class="online ${n===!0?"on":n===!1?"off":"unknown"}"
            title=${n==null?"Not known to Home Assistant's ESPHome integration":o}>
            <span class="dot"></span>${o}
          </span>
        </div>
        ${i?a`<button class="job" @click=${()=>this._fire("eb-open-job",i.job_id)} title="Show the log">
              <span class="job-line">
                <span>${$[i.action]??i.action}</span>
                ${O(i)}
                <span class="secondary">${oe(i,this.now)}</span>
                ${p&&i.progress?a`<span class="secondary">${i.progress}%</span>`:c}
              </span>
              ${F(i)}
            </button>`:a`<div class="job none secondary">No job yet</div>`}
        <div class="actions">
          ${Si.map(d=>a`<button class="eb ${d==="install"?"primary":""}" data-action=${d}
              @click=${()=>this._fire("eb-action",{action:d,configuration:e.configuration})}>
              ${$[d]}${d==="install"||d==="logs"?"…":""}
            </button>`)}
          <button class="eb builds" title="Archived builds: download, roll back"
            @click=${()=>this._fire("eb-open-builds",e.configuration)}>Builds</button>
        </div>
      </div>
    `}_renderVersion(e){if(!this.versions.managed||e.remote)return c;let i=this.versions.pins[e.configuration],s=i??this.versions.default;return a`<button class="version ${i?"pinned":""}"
      title=${i?`Pinned to ESPHome ${i}: change or remove the pin`:"Pin this device to an ESPHome version"}
      @click=${()=>this._fire("eb-pin",e.configuration)}>
      ${i?a`<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M16,12V4H17V2H7V4H8V12L6,14V16H11.2V22H12.8V16H18V14L16,12Z" /></svg>`:c}
      ${s??"ESPHome"}
    </button>`}};N.styles=[_,b`
      :host {
        display: block;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 12px;
        margin: 0 0 16px;
      }
      .fleet {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        margin-left: auto;
      }
      .filter {
        flex: 1 1 240px;
        min-width: 0;
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 0 12px;
        height: 44px;
        border-radius: 22px;
        background: var(--card-background-color, #fff);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
      }
      .filter svg {
        width: 20px;
        height: 20px;
        fill: var(--secondary-text-color);
        flex: none;
      }
      .filter input {
        flex: 1;
        min-width: 0;
        border: none;
        outline: none;
        background: transparent;
        color: var(--primary-text-color);
        font: inherit;
        font-size: 15px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(min(100%, 360px), 1fr));
        gap: 16px;
      }
      .device {
        display: flex;
        flex-direction: column;
        gap: 12px;
        padding: 16px;
      }
      .head {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      .names {
        flex: 1;
        min-width: 0;
      }
      .title {
        font-size: 16px;
        font-weight: 500;
        overflow-wrap: anywhere;
      }
      .secondary {
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .online {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        font-size: 13px;
        color: var(--secondary-text-color);
        white-space: nowrap;
      }
      .dot {
        width: 8px;
        height: 8px;
        border-radius: 50%;
        background: var(--disabled-text-color, #999);
      }
      .online.on .dot {
        background: var(--success-color, #43a047);
      }
      .online.off .dot {
        background: var(--error-color, #db4437);
      }
      .job {
        display: flex;
        flex-direction: column;
        gap: 6px;
        box-sizing: border-box;
        width: 100%;
        padding: 8px 10px;
        border: none;
        border-radius: 8px;
        background: var(--secondary-background-color, rgba(127, 127, 127, 0.08));
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .job.none {
        cursor: default;
        font-size: 13px;
      }
      .job-line {
        display: flex;
        align-items: center;
        gap: 8px;
        flex-wrap: wrap;
        font-size: 14px;
      }
      .version {
        display: inline-flex;
        align-items: center;
        gap: 2px;
        padding: 2px 8px;
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.3));
        border-radius: 12px;
        background: none;
        color: var(--secondary-text-color);
        font: inherit;
        font-size: 12px;
        white-space: nowrap;
        cursor: pointer;
      }
      .version.pinned {
        color: var(--primary-color);
        border-color: var(--primary-color);
      }
      .version svg {
        width: 14px;
        height: 14px;
        fill: currentColor;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
      }
    `],l([h({attribute:!1})],N.prototype,"devices",2),l([h({attribute:!1})],N.prototype,"latest",2),l([h({type:Number})],N.prototype,"now",2),l([h({type:Boolean})],N.prototype,"loading",2),l([h({attribute:!1})],N.prototype,"versions",2),l([u()],N.prototype,"_filter",2);v("esphome-builder-devices",N);function de(){return{fg:null,bg:null,bold:!1,dim:!1,italic:!1,underline:!1,inverse:!1,strike:!1}}function Ai(r){return r.fg===null&&r.bg===null&&!r.bold&&!r.dim&&!r.italic&&!r.underline&&!r.inverse&&!r.strike}var Ut=/\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|$)/g,Jt=/[\x00-\x08\x0a-\x1f\x7f]/g;function Ci(r){if(r>=232){let i=8+(r-232)*10;return`rgb(${i},${i},${i})`}let t=r-16,e=i=>i===0?0:55+i*40;return`rgb(${e(Math.floor(t/36))},${e(Math.floor(t/6)%6)},${e(t%6)})`}function Ei(r){return Math.max(0,Math.min(255,Number.isFinite(r)?r:0))}function ji(r,t){let e=r[t];if(e===5&&t+1<r.length){let i=r[t+1];return i<0||i>255?{colour:null,used:2}:{colour:i<16?i:Ci(i),used:2}}if(e===2&&t+3<r.length){let[i,s,n]=[r[t+1],r[t+2],r[t+3]].map(Ei);return{colour:`rgb(${i},${s},${n})`,used:4}}return{colour:null,used:r.length-t}}function Li(r,t){let e=t===""?[0]:t.split(/[;:]/).map(i=>i===""?0:Number(i));for(let i=0;i<e.length;i++){let s=e[i];if(s===0)Object.assign(r,de());else if(s===1)r.bold=!0;else if(s===2)r.dim=!0;else if(s===3)r.italic=!0;else if(s===4)r.underline=!0;else if(s===7)r.inverse=!0;else if(s===9)r.strike=!0;else if(s===21||s===22)r.bold=!1,r.dim=!1;else if(s===23)r.italic=!1;else if(s===24)r.underline=!1;else if(s===27)r.inverse=!1;else if(s===29)r.strike=!1;else if(s>=30&&s<=37)r.fg=s-30;else if(s===39)r.fg=null;else if(s>=40&&s<=47)r.bg=s-40;else if(s===49)r.bg=null;else if(s>=90&&s<=97)r.fg=s-90+8;else if(s>=100&&s<=107)r.bg=s-100+8;else if(s===38||s===48){let{colour:n,used:o}=ji(e,i+1);s===38?r.fg=n:r.bg=n,i+=o}}}function zt(r,t){if(Ai(t))return{text:r,cls:"",style:""};let e=t.fg,i=t.bg,s=[],n=[];return t.inverse&&([e,i]=[i,e],e===null&&s.push("fi"),i===null&&s.push("bi")),typeof e=="number"?s.push(`f${e}`):typeof e=="string"&&n.push(`color:${e}`),typeof i=="number"?s.push(`b${i}`):typeof i=="string"&&n.push(`background-color:${i}`),t.bold&&s.push("bo"),t.dim&&s.push("dm"),t.italic&&s.push("it"),t.underline&&s.push("un"),t.strike&&s.push("st"),{text:r,cls:s.join(" "),style:n.join(";")}}function Vt(r,t){let e=[];if(!r.includes("\x1B")){let o=r.replace(Jt,"");return o&&e.push(zt(o,t)),e}let i=0;Ut.lastIndex=0;let s,n=o=>{let p=o.replace(Jt,"");if(!p)return;let d=zt(p,t),f=e[e.length-1];f&&f.cls===d.cls&&f.style===d.style?f.text+=p:e.push(d)};for(;(s=Ut.exec(r))!==null;)n(r.slice(i,s.index)),i=s.index+s[0].length,s[2]==="m"&&/^[0-9;:]*$/.test(s[1]??"")&&Li(t,s[1]??"");return n(r.slice(i)),e}var Bt=/^\.\.\. \[output trimmed: (\d+) earlier line\(s\) elided\]$/;function Mi(r){return`... [output trimmed: ${r} earlier line(s) elided]`}function Ti(r){return`... [${r} line(s) skipped: output came faster than it could be sent]`}function Ri(r){return`... [${r} earlier line(s) not kept by the viewer]`}var Pi=/^(?:\[\d{1,2}:\d{2}:\d{2}(?:\.\d+)?\])?\[(VV|V|D|C|I|W|E)\]\[/,Ii=/^(ERROR|CRITICAL|WARNING|INFO|DEBUG)\s/,Hi=/\[(SUCCESS|FAILED|ERROR)\]/;function Oi(r){let t=Pi.exec(r);if(t)return t[1]==="VV"?"v":t[1].toLowerCase();if(t=Ii.exec(r),t)switch(t[1]){case"ERROR":case"CRITICAL":return"e";case"WARNING":return"w";case"INFO":return"i";default:return"d"}return(r.startsWith("=")||r.startsWith("*"))&&(t=Hi.exec(r),t)?t[1]==="SUCCESS"?"s":"e":null}var Ni=2e4,Te=class{constructor(t=Ni){this.dropped=0;this.version=0;this._lines=[];this._state=de();this._transient=!1;this._nextId=0;this.maxLines=Math.max(1,t)}get rowCount(){return this._lines.length+(this.dropped>0?1:0)}row(t){if(this.dropped>0){if(t===0){let e=Ri(this.dropped);return{id:-1,kind:"marker",text:e,segments:[{text:e,cls:"",style:""}],level:null}}return this._lines[t-1]}return this._lines[t]}rowOf(t){let e=this._lines.length?this._lines[0].id:this._nextId,i=t-e;return i<0||i>=this._lines.length?-1:i+(this.dropped>0?1:0)}get lineCount(){return this._lines.length}reset(t=[],e=0){this._lines=[],this._state=de(),this._transient=!1,this.dropped=0,e>0&&!(t.length&&Bt.test(t[0]))&&this.addMarker(Mi(e)),this.append(t)}append(t,e=0){e>0&&this.addMarker(Ti(e));for(let i of t)this._appendOne(i);this._bound(),this.version++}addMarker(t){this._transient=!1,this._state=de(),this._lines.push({id:this._nextId++,kind:"marker",text:t,segments:[{text:t,cls:"",style:""}],level:null}),this._bound(),this.version++}plainText(){let t=[];for(let e=0;e<this.rowCount;e++)t.push(this.row(e).text);return t.length?t.join(`
`)+`
`:""}_appendOne(t){let e=t.endsWith("\r"),i=e?t.slice(0,-1):t;if(this._transient&&this._lines.pop(),this._transient=e,Bt.test(i)){this._state=de(),this._lines.push({id:this._nextId++,kind:"marker",text:i,segments:[{text:i,cls:"",style:""}],level:null});return}let s=Vt(i,this._state),n=s.length===1?s[0].text:s.map(o=>o.text).join("");this._lines.push({id:this._nextId++,kind:"text",text:n,segments:s,level:Oi(n)})}_bound(){if(this._lines.length<=2*this.maxLines)return;let t=this._lines.length-this.maxLines;this._lines=this._lines.slice(t),this.dropped+=t}};var I=18,Ft=20,H=class extends g{constructor(){super(...arguments);this.version=0;this.placeholder="";this._following=!0;this._scrollTop=0;this._viewport=400;this._anchorId=-1;this._anchorOffset=0;this._target=0;this._scrollFrame=0;this._onScroll=()=>{this._scrollFrame||(this._scrollFrame=requestAnimationFrame(()=>{this._scrollFrame=0;let e=this._scroller;if(!e||!this.model)return;let i=e.scrollTop,s=i+e.clientHeight>=e.scrollHeight-I/2;this._following=s;let n=Math.floor(i/I),o=n<this.model.rowCount?this.model.row(n):void 0;this._anchorId=o&&o.id>=0?o.id:-1,this._anchorOffset=i-n*I,this._scrollTop=i}))};this._onWheel={handleEvent:e=>{e.deltaY<0&&this._following&&this._pause()},passive:!0};this._onKey=e=>{e.key==="End"?(e.preventDefault(),this.jumpToEnd()):["ArrowUp","PageUp","Home"].includes(e.key)&&this._following&&this._pause()}}get following(){return this._following}get renderedRows(){return this.renderRoot?.querySelectorAll(".row").length??0}jumpToEnd(){this._following=!0,this.requestUpdate()}connectedCallback(){super.connectedCallback(),this._resize=new ResizeObserver(()=>{let e=this._scroller?.clientHeight??0;e&&e!==this._viewport&&(this._viewport=e)})}disconnectedCallback(){super.disconnectedCallback(),this._resize?.disconnect(),this._scrollFrame&&cancelAnimationFrame(this._scrollFrame),this._scrollFrame=0}firstUpdated(){this._scroller&&(this._resize?.observe(this._scroller),this._viewport=this._scroller.clientHeight||this._viewport)}willUpdate(e){let i=this.model?.rowCount??0,s=Math.max(0,i*I-this._viewport);if(this._following)this._target=s;else{let n=this._anchorId>=0&&this.model?this.model.rowOf(this._anchorId):-1;this._target=n>=0?Math.min(s,n*I+this._anchorOffset):Math.min(this._scrollTop,s)}this._scrollTop=this._target}updated(){let e=this._scroller;e&&Math.abs(e.scrollTop-this._target)>=1&&(e.scrollTop=this._target)}_pause(){let e=this._scroller;if(!e||!this.model)return;let i=e.scrollTop,s=Math.min(Math.floor(i/I),this.model.rowCount-1),n=s>=0?this.model.row(s):void 0;this._anchorId=n&&n.id>=0?n.id:-1,this._anchorOffset=i-s*I,this._following=!1}render(){let e=this.model,i=e?.rowCount??0,s=Math.max(0,Math.floor(this._scrollTop/I)-Ft),n=Math.min(i,Math.ceil((this._scrollTop+this._viewport)/I)+Ft),o=[];for(let p=s;p<n;p++)o.push(e.row(p));return a`
      <div class="scroller" tabindex="0" role="log" aria-live="off" @scroll=${this._onScroll} @wheel=${this._onWheel}
        @keydown=${this._onKey}>
        <div class="spacer" style="height:${i*I}px">
          <div class="rows" style="transform:translateY(${s*I}px)">
            ${o.map(p=>this._renderRow(p))}
          </div>
        </div>
        ${i===0&&this.placeholder?a`<div class="placeholder">${this.placeholder}</div>`:c}
      </div>
      ${this._following||i===0?c:a`<button class="jump" @click=${this.jumpToEnd}>
            <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7.41,8.58L12,13.17L16.59,8.58L18,10L12,16L6,10L7.41,8.58Z" /></svg>
            Jump to end
          </button>`}
    `}_renderRow(e){let i=e.kind==="marker"?"row marker":e.level?`row lv-${e.level}`:"row";return a`<div class=${i}>${e.segments.map(s=>s.cls||s.style?a`<span class=${s.cls} style=${s.style}>${s.text}</span>`:s.text)}</div>`}};H.styles=[$t,b`
      :host {
        display: block;
        position: relative;
        min-height: 0;
        background: var(--eb-log-bg);
        color: var(--eb-log-fg);
        border: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
        border-radius: var(--ha-card-border-radius, 12px);
        overflow: hidden;
      }
      .scroller {
        position: absolute;
        inset: 0;
        overflow: auto;
        font-family: var(--code-font-family, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
        font-size: 12.5px;
        outline: none;
        overscroll-behavior: contain;
      }
      .spacer {
        position: relative;
        min-width: 100%;
        width: max-content;
      }
      .rows {
        padding: 0 12px;
        will-change: transform;
      }
      .row {
        height: 18px;
        line-height: 18px;
        white-space: pre;
        overflow: hidden;
      }
      .marker {
        color: var(--eb-marker-fg);
        font-style: italic;
        background: var(--eb-marker-bg);
        margin: 0 -12px;
        padding: 0 12px;
      }
      .placeholder {
        position: absolute;
        inset: 16px;
        color: var(--secondary-text-color);
        font-family: var(--paper-font-body1_-_font-family, inherit);
      }
      .jump {
        position: absolute;
        right: 16px;
        bottom: 16px;
        display: inline-flex;
        align-items: center;
        gap: 4px;
        padding: 8px 14px 8px 10px;
        border: none;
        border-radius: 18px;
        background: var(--primary-color);
        color: var(--text-primary-color, #fff);
        font: inherit;
        font-weight: 500;
        cursor: pointer;
        box-shadow: 0 2px 6px rgba(0, 0, 0, 0.3);
      }
      .jump svg {
        width: 18px;
        height: 18px;
        fill: currentColor;
      }
    `],l([h({attribute:!1})],H.prototype,"model",2),l([h({type:Number})],H.prototype,"version",2),l([h()],H.prototype,"placeholder",2),l([u()],H.prototype,"_following",2),l([u()],H.prototype,"_scrollTop",2),l([u()],H.prototype,"_viewport",2),l([A(".scroller")],H.prototype,"_scroller",2);v("esphome-builder-log",H);var qi=new Set(["unknown_command","timeout","home_assistant_error","unknown_error"]);function Di(r,t){return r?t?x(t)&&!x(r)?{...r,...t}:{...t,...r}:r:t}var S=class extends g{constructor(){super(...arguments);this.jobId="";this.narrow=!1;this.dark=!1;this.cancelling=!1;this.now=Date.now();this._version=0;this._error="";this._live=!1;this.model=new Te;this._frame=0}connectedCallback(){super.connectedCallback(),this.hasUpdated&&this.hass&&this.jobId&&!this._sub&&this._follow()}disconnectedCallback(){super.disconnectedCallback(),this._sub?.stop(),this._sub=void 0,this._frame&&cancelAnimationFrame(this._frame),this._frame=0}willUpdate(e){!this.isConnected||!this.hass||!this.jobId||(e.has("jobId")||!this._sub)&&this._follow()}_follow(){if(this._sub?.stop(),this._sub=void 0,this.model.reset(),this._followed=void 0,this._error="",this._live=!1,this._version++,!this.hass||!this.jobId)return;let e=this.jobId;this._sub=new re(this.hass.connection,{type:"esphome_builder/jobs/follow",job_id:e},i=>this._onMessage(i),i=>{this._live=i.state==="live",i.state==="ended"&&i.lastError?this._error=i.lastError:i.state==="live"&&(this._error="")},i=>!qi.has(i?.code??""))}_onMessage(e){switch(e.type){case"history":this.model.reset(e.lines,e.elided),this._followed=e.job;break;case"output":this.model.append(e.lines,e.skipped);break;case"progress":this._followed&&(this._followed={...this._followed,progress:e.progress});break;case"status":this._followed=e.job;break;case"result":(this._followed||e.job)&&(this._followed={...this._followed??e.job,...e.job??{},status:e.status,exit_code:e.exit_code,error:e.error}),this._sub?.end();break;case"resync_required":this._sub?.restart();break}this._scheduleRender()}_scheduleRender(){this._frame||(this._frame=requestAnimationFrame(()=>{this._frame=0,this._version=this.model.version}))}get _job(){return Di(this.job,this._followed)}_fileName(e){return`${(e?.configuration??"job").replace(/\.ya?ml$/,"")}-${e?.action??"log"}-${this.jobId}.log`.replace(/[^\w.-]+/g,"_")}async _copy(){try{await wt(this.model.plainText()),j(this,"Log copied to the clipboard")}catch(e){j(this,`Could not copy the log: ${y(e)}`)}}_download(){kt(this._fileName(this._job),this.model.plainText())}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this._job,i=e?x(e):!1,s=this._error?"":e?i?"This job printed nothing.":"Waiting for output…":"Connecting…";return a`
      <div class="card header">
        <div class="top">
          ${ae("All jobs",()=>this._fire("eb-back"))}
          <div class="what">
            <div class="title">${e?a`${$[e.action]??e.action} <b>${e.configuration}</b>`:this.jobId}</div>
            ${e?a`<div class="meta secondary">
                  ${O(e)}
                  <span>${V(e.created_at,this.hass?.language)}</span>
                  <span class="duration">${oe(e,this.now)}</span>
                  ${!i&&e.progress?a`<span>${e.progress}%</span>`:c}
                  ${e.device?a`<span>→ ${e.device}</span>`:c}
                  ${e.esphome_version?a`<span class="esphome-version">ESPHome ${e.esphome_version}</span>`:c}
                  ${i&&e.exit_code!=null?a`<span>exit code ${e.exit_code}</span>`:c}
                  ${e.batch_id?a`<button class="link batch" @click=${()=>this._fire("eb-open-batch",e.batch_id)}>part of a batch</button>`:c}
                  ${!i&&!this._live?a`<span class="reconnecting">reconnecting…</span>`:c}
                </div>`:c}
          </div>
          <div class="buttons">
            ${e&&!i?a`<button class="eb danger cancel" ?disabled=${this.cancelling}
                  @click=${()=>this._fire("eb-cancel-job",this.jobId)}>${this.cancelling?"Cancelling…":"Cancel"}</button>`:c}
            <button class="eb copy" @click=${this._copy} title="Copy the log">Copy</button>
            <button class="eb download" @click=${this._download} title="Download the log">Download</button>
          </div>
        </div>
        ${e?F(e):c}
        ${e?.error?a`<div class="error job-error">${e.error}</div>`:c}
        ${this._error?a`<div class="error follow-error">${this._error}</div>`:c}
      </div>
      <esphome-builder-log
        .model=${this.model}
        .version=${this._version}
        .placeholder=${s}
        ?dark=${this.dark}
      ></esphome-builder-log>
    `}get log(){return this._log}};S.styles=[_,le,Le,b`
      :host {
        min-height: 0;
        height: 100%;
      }
      .header {
        gap: 10px;
      }
      .reconnecting {
        color: var(--warning-color, #ffa600);
      }
      .error {
        padding: 8px 12px;
        border-radius: 8px;
        background: rgba(var(--rgb-error-color, 219, 68, 55), 0.12);
        color: var(--error-color, #db4437);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      esphome-builder-log {
        flex: 1;
        min-height: 240px;
      }
    `],l([h({attribute:!1})],S.prototype,"hass",2),l([h()],S.prototype,"jobId",2),l([h({attribute:!1})],S.prototype,"job",2),l([h({type:Boolean})],S.prototype,"narrow",2),l([h({type:Boolean})],S.prototype,"dark",2),l([h({type:Boolean})],S.prototype,"cancelling",2),l([h({type:Number})],S.prototype,"now",2),l([u()],S.prototype,"_followed",2),l([u()],S.prototype,"_version",2),l([u()],S.prototype,"_error",2),l([u()],S.prototype,"_live",2),l([A("esphome-builder-log")],S.prototype,"_log",2);v("esphome-builder-job",S);var U=class extends g{constructor(){super(...arguments);this.jobs=[];this.cancelling=new Set;this.now=Date.now();this.loading=!1}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}render(){let e=this.jobs.filter(s=>!x(s)),i=this.jobs.filter(s=>x(s));return this.jobs.length?a`
      ${e.length?a`<h2>Active</h2>
            <div class="card list">${e.map(s=>this._renderJob(s))}</div>`:c}
      ${i.length?a`<h2>Recent</h2>
            <div class="card list">${i.map(s=>this._renderJob(s))}</div>`:c}
    `:a`<div class="empty">${this.loading?"Loading…":"No jobs yet. Start one from the devices view."}</div>`}_renderJob(e){let i=this.cancelling.has(e.job_id);return a`
      <div class="job" data-job-id=${e.job_id} data-status=${e.status}>
        <button class="open" @click=${()=>this._fire("eb-open-job",e.job_id)} title="Show the log">
          <span class="line">
            ${O(e)}
            <span class="what">${$[e.action]??e.action} <b>${e.configuration}</b></span>
          </span>
          <span class="line secondary">
            <span>${V(e.created_at,this.language)}</span>
            <span>${oe(e,this.now)}</span>
            ${e.status==="running"&&e.progress?a`<span>${e.progress}%</span>`:c}
            ${e.device?a`<span>→ ${e.device}</span>`:c}
            ${e.builder&&e.builder!=="local"?a`<span>on ${e.builder}</span>`:c}
          </span>
          ${F(e)}
        </button>
        ${x(e)?c:a`<button class="eb danger cancel" ?disabled=${i}
              @click=${()=>this._fire("eb-cancel-job",e.job_id)}>${i?"Cancelling…":"Cancel"}</button>`}
      </div>
    `}};U.styles=[_,Se,b`
      .job {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 0 16px 0 0;
      }
      .job + .job {
        border-top: 1px solid var(--divider-color, rgba(127, 127, 127, 0.2));
      }
      .open {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        gap: 6px;
        padding: 12px 16px;
        border: none;
        background: transparent;
        color: inherit;
        font: inherit;
        text-align: left;
        cursor: pointer;
      }
      .open:hover {
        background: rgba(127, 127, 127, 0.06);
      }
      .line {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .what {
        overflow-wrap: anywhere;
      }
      .line.secondary {
        font-size: 13px;
      }
      .progress {
        max-width: 480px;
      }
    `],l([h({attribute:!1})],U.prototype,"jobs",2),l([h({attribute:!1})],U.prototype,"cancelling",2),l([h({type:Number})],U.prototype,"now",2),l([h({type:Boolean})],U.prototype,"loading",2),l([h()],U.prototype,"language",2);v("esphome-builder-jobs",U);var Ui=200,Wt=50,it=Object.freeze({devices:[],jobs:[],batches:[],loaded:!1,builds:Object.freeze({}),generation:0});function Kt(r,t){return`${r.generation}:${r.builds[t]??0}`}function Gt(r){return r.sort((t,e)=>t.created_at<e.created_at?1:t.created_at>e.created_at?-1:0)}function Ji(r,t){let e=r.findIndex(s=>s.job_id===t.job_id),i=[...r];return e>=0?i[e]=t:i.unshift(t),Gt(i).slice(0,Ui)}function zi(r,t){let e=r.findIndex(s=>s.batch_id===t.batch_id);if(e<0)return[t,...r].slice(0,Wt);let i=[...r];return i[e]={...r[e],...t},i}function Vi(r,t){switch(t.type){case"initial_state":return{devices:[...t.devices],jobs:Gt([...t.jobs]),batches:(t.batches??[]).slice(0,Wt),loaded:!0,builds:r.builds,generation:r.generation+1};case"device_added":case"device_updated":{let e=r.devices.filter(i=>i.configuration!==t.device.configuration);return{...r,devices:[...e,t.device]}}case"device_removed":return{...r,devices:r.devices.filter(e=>e.configuration!==t.device.configuration)};case"resync_required":return r;case"build_archived":case"build_removed":{let{configuration:e}=t;return{...r,builds:{...r.builds,[e]:(r.builds[e]??0)+1}}}case"batch_started":case"batch_progress":case"batch_completed":return t.batch?{...r,batches:zi(r.batches,t.batch)}:r;default:return!t.type.startsWith("job_")||!("job"in t)||!t.job?r:{...r,jobs:Ji(r.jobs,t.job)}}}function Zt(r){let t=new Map;for(let e of r)t.has(e.configuration)||t.set(e.configuration,e);return t}function rt(r){return r.reduce((t,e)=>x(e)?t:t+1,0)}var Re=class{constructor(t,e,i=it){this.conn=t;this._onChange=e;this.resyncs=0;this._stopped=!1;this._onDisconnected=()=>{this.connected=!1,this._onChange(this)};this._onReady=()=>{this.connected=!0,this._onChange(this)};this.data=i,this.connected=t.connected,t.addEventListener("disconnected",this._onDisconnected),t.addEventListener("ready",this._onReady),this._sub=new re(t,{type:"esphome_builder/subscribe_events"},s=>this._onMessage(s))}stop(){this._stopped||(this._stopped=!0,this._sub.stop(),this.conn.removeEventListener("disconnected",this._onDisconnected),this.conn.removeEventListener("ready",this._onReady))}_onMessage(t){if(t.type==="resync_required"){this.resyncs++,this._sub.restart();return}let e=Vi(this.data,t);e!==this.data&&(this.data=e,this._onChange(this))}};var Yt=b`
  :host {
    display: flex;
    flex-direction: column;
    height: 100%;
    min-height: 100vh;
    background: var(--primary-background-color);
    color: var(--primary-text-color);
    font-family: var(--paper-font-body1_-_font-family, var(--ha-font-family-body, Roboto, sans-serif));
    -webkit-font-smoothing: antialiased;
  }
  .toolbar {
    /* A long device list must not squeeze the toolbar (and hide the tabs). */
    flex: none;
    position: sticky;
    top: 0;
    z-index: 2;
    display: flex;
    align-items: flex-end;
    flex-wrap: wrap;
    gap: 0 24px;
    padding: 0 12px;
    padding-left: max(12px, env(safe-area-inset-left));
    min-height: var(--header-height, 56px);
    background: var(--app-header-background-color, var(--primary-color));
    color: var(--app-header-text-color, var(--text-primary-color, #fff));
    border-bottom: var(--app-header-border-bottom, none);
    box-sizing: border-box;
  }
  .bar {
    display: flex;
    align-items: center;
    gap: 4px;
    height: var(--header-height, 56px);
  }
  .title {
    font-size: 20px;
    font-weight: 400;
    margin-left: 4px;
    white-space: nowrap;
  }
  .menu {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 48px;
    height: 48px;
    padding: 0;
    border: none;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .menu svg {
    width: 24px;
    height: 24px;
    fill: currentColor;
  }
  ha-menu-button {
    color: inherit;
  }
  .tabs {
    display: flex;
    height: var(--header-height, 56px);
  }
  :host([narrow]) .tabs {
    width: 100%;
    height: 44px;
  }
  .tabs a {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 0 16px;
    color: inherit;
    opacity: 0.75;
    text-decoration: none;
    font-weight: 500;
    font-size: 14px;
    text-transform: uppercase;
    letter-spacing: 0.04em;
    border-bottom: 2px solid transparent;
  }
  :host([narrow]) .tabs a {
    flex: 1;
    justify-content: center;
  }
  .tabs a.active {
    opacity: 1;
    border-bottom-color: currentColor;
  }
  .badge {
    min-width: 18px;
    height: 18px;
    padding: 0 5px;
    border-radius: 9px;
    box-sizing: border-box;
    background: var(--accent-color, #ff9800);
    color: var(--text-accent-color, var(--text-primary-color, #fff));
    font-size: 12px;
    line-height: 18px;
    text-align: center;
  }
  .banner {
    padding: 8px 16px;
    background: var(--warning-color, #ffa600);
    color: var(--text-primary-color, #fff);
    text-align: center;
  }
  main {
    flex: 1;
    box-sizing: border-box;
    width: 100%;
    max-width: 1400px;
    margin: 0 auto;
    padding: 16px;
  }
  main.job {
    display: flex;
    flex-direction: column;
    min-height: 0;
    height: calc(100vh - var(--header-height, 56px));
  }
  :host([narrow]) main {
    padding: 8px;
  }
  :host([narrow]) main.job {
    height: calc(100vh - var(--header-height, 56px) - 44px);
  }
  esphome-builder-job {
    flex: 1;
    min-height: 0;
  }
`;var Bi=/^(?:\/dev\/[\w./-]+|[A-Za-z0-9_.:[\]%-]+)$/,L=class extends g{constructor(){super(...arguments);this._action="";this._configuration="";this._mode="ota";this._address="";this._error="";this._note=""}async ask(e,i,s=""){return this._resolve?.(null),this._action=e,this._configuration=i,this._note=s,this._error="",await this.updateComplete,this._dialog.showModal(),new Promise(n=>{this._resolve=n})}_finish(e){let i=this._resolve;this._resolve=void 0,this._dialog.open&&this._dialog.close(),i?.(e)}_submit(e){if(e.preventDefault(),this._mode==="ota"){this._finish("OTA");return}let i=this._address.trim();if(!i||i.startsWith("-")||!Bi.test(i)){this._error="Enter a host name, an IP address or a serial port such as /dev/ttyUSB0.",this._input?.focus();return}this._finish(i)}render(){let e=$[this._action]??this._action;return a`
      <dialog @close=${()=>this._finish(null)} @cancel=${()=>this._finish(null)}>
        <form @submit=${this._submit}>
          <h2>${e} ${this._configuration}</h2>
          ${this._note?a`<p class="note">${this._note}</p>`:c}
          <p class="secondary">${this._action==="logs"?"Where should the logs come from?":"Where should the firmware go?"}</p>
          <label class="option">
            <input type="radio" name="mode" value="ota" .checked=${this._mode==="ota"}
              @change=${()=>this._mode="ota"} />
            <span>Over the air <span class="secondary">(the address in the configuration)</span></span>
          </label>
          <label class="option">
            <input type="radio" name="mode" value="address" .checked=${this._mode==="address"}
              @change=${()=>{this._mode="address",this.updateComplete.then(()=>this._input?.focus())}} />
            <span>This address or serial port</span>
          </label>
          <input name="address" type="text" autocomplete="off" spellcheck="false"
            placeholder="192.168.1.50, device.local or /dev/ttyUSB0"
            .value=${this._address}
            ?disabled=${this._mode!=="address"}
            @input=${i=>this._address=i.target.value} />
          ${this._error?a`<p class="error" role="alert">${this._error}</p>`:c}
          <div class="buttons">
            <button class="eb" type="button" @click=${()=>this._finish(null)}>Cancel</button>
            <button class="eb primary" type="submit">${e}</button>
          </div>
        </form>
      </dialog>
    `}};L.styles=[_,ne,b`
      .note {
        margin: 8px 0;
        overflow-wrap: anywhere;
      }
      .option {
        display: flex;
        align-items: center;
        gap: 8px;
        margin: 10px 0;
        cursor: pointer;
      }
      input[type="radio"] {
        accent-color: var(--primary-color);
        margin: 0;
      }
      input[name="address"] {
        box-sizing: border-box;
        width: 100%;
        margin: 4px 0 0;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      input[name="address"]:disabled {
        opacity: 0.5;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 20px;
      }
    `],l([u()],L.prototype,"_action",2),l([u()],L.prototype,"_configuration",2),l([u()],L.prototype,"_mode",2),l([u()],L.prototype,"_address",2),l([u()],L.prototype,"_error",2),l([u()],L.prototype,"_note",2),l([A("dialog")],L.prototype,"_dialog",2),l([A("input[name=address]")],L.prototype,"_input",2);v("esphome-builder-target-dialog",L);var M=class extends g{constructor(){super(...arguments);this.jobs=[];this.versions=ce;this._pinning="";this._choice="";this._exact=!1;this._error=""}willUpdate(e){if(!this.hass)return;let i=Dt(this.jobs);e.has("hass")&&this._key===void 0?(this._key=i,this._fetch()):e.has("jobs")&&i!==this._key&&(this._key=i,this._fetch())}async _fetch(){if(this.hass)try{this.versions=await Me.versions(this.hass.connection),this._fire("eb-versions",this.versions)}catch{}}_fire(e,i){this.dispatchEvent(new CustomEvent(e,{detail:i,bubbles:!0,composed:!0}))}async _upgrade(){if(this.hass)try{let{job_id:e}=await Me.install(this.hass.connection);this._fire("eb-open-job",e)}catch(e){j(this,`Could not start the install: ${y(e)}`)}}async pin(e){this._pinning=e,this._choice=this.versions.pins[e]??"",this._exact=(this.versions.exact??[]).includes(e),this._error="",await this.updateComplete,this._dialog.showModal()}async _save(e){if(this.hass){if(e!==null&&!Nt(e)){this._error="Enter an ESPHome release such as 2026.10.0.";return}try{let i=e!==null&&this._exact,{pins:s}=await Me.pin(this.hass.connection,this._pinning,e,i),n=(this.versions.exact??[]).filter(o=>o!==this._pinning);this.versions={...this.versions,pins:s,exact:i?[...n,this._pinning]:n},this._fire("eb-versions",this.versions),this._dialog.close()}catch(i){this._error=y(i)}}}render(){let{managed:e,installed:i}=this.versions,s=this.versions.default,n=qt(this.jobs);return a`
      ${e?a`<div class="bar card">
            <span class="what">
              ${s?a`ESPHome <b class="default">${s}</b>`:"ESPHome is not installed yet"}
              ${s&&!i.includes(s)?a`<span class="missing">(not installed yet)</span>`:c}
              <span class="secondary">· managed · ${i.length} installed</span>
            </span>
            ${n?a`<button class="link installing" @click=${()=>this._fire("eb-open-job",n.job_id)}>
                  Installing ${n.configuration.replace("esphome==","ESPHome ")}…</button>`:a`<button class="eb upgrade" title="Install the newest ESPHome release and build with it"
                  @click=${this._upgrade}>Upgrade ESPHome</button>`}
          </div>`:c}
      <dialog @close=${()=>this._pinning=""}>
        <form @submit=${o=>{o.preventDefault(),this._save(this._choice.trim())}}>
          <h2>ESPHome for ${this._pinning}</h2>
          <p class="secondary">A pinned configuration builds with this version, installed when needed.
            The others build with ${s?`ESPHome ${s}`:"the default version"}.</p>
          <input name="version" type="text" list="eb-installed" autocomplete="off" spellcheck="false"
            placeholder="2026.10.0" .value=${this._choice}
            @input=${o=>this._choice=o.target.value} />
          <datalist id="eb-installed">${i.map(o=>a`<option value=${o}></option>`)}</datalist>
          <label class="exact">
            <input type="checkbox" .checked=${this._exact}
              @change=${o=>this._exact=o.target.checked} />
            <span>Exact match: never build it on a remote builder that runs another version</span>
          </label>
          ${this._error?a`<p class="error" role="alert">${this._error}</p>`:c}
          <div class="buttons">
            ${this.versions.pins[this._pinning]?a`<button class="eb unpin" type="button" @click=${()=>this._save(null)}>Remove pin</button>`:c}
            <span class="spacer"></span>
            <button class="eb" type="button" @click=${()=>this._dialog.close()}>Cancel</button>
            <button class="eb primary" type="submit">Pin</button>
          </div>
        </form>
      </dialog>
    `}};M.styles=[_,ne,b`
      :host {
        display: block;
      }
      .bar {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 12px;
        padding: 10px 16px;
        margin: 0 0 16px;
      }
      .what {
        flex: 1 1 220px;
        min-width: 0;
      }
      /* As tall as the Upgrade button it replaces: the bar keeps its height. */
      .installing {
        min-height: 32px;
      }
      .missing {
        color: var(--secondary-text-color);
      }
      input[name="version"] {
        box-sizing: border-box;
        width: 100%;
        padding: 10px 12px;
        border: 1px solid var(--divider-color, #ccc);
        border-radius: 8px;
        background: var(--secondary-background-color, transparent);
        color: var(--primary-text-color);
        font: inherit;
      }
      .exact {
        display: flex;
        align-items: flex-start;
        gap: 8px;
        margin: 12px 0 0;
        font-size: 14px;
        cursor: pointer;
      }
      .exact input {
        accent-color: var(--primary-color);
        margin: 2px 0 0;
      }
      .error {
        color: var(--error-color, #db4437);
        margin: 8px 0 0;
      }
      .buttons {
        display: flex;
        gap: 8px;
        margin-top: 20px;
      }
      .spacer {
        flex: 1;
      }
    `],l([h({attribute:!1})],M.prototype,"hass",2),l([h({attribute:!1})],M.prototype,"jobs",2),l([u()],M.prototype,"versions",2),l([u()],M.prototype,"_pinning",2),l([u()],M.prototype,"_choice",2),l([u()],M.prototype,"_exact",2),l([u()],M.prototype,"_error",2),l([A("dialog")],M.prototype,"_dialog",2);v("esphome-builder-versions",M);var Fi={install:{title:"Update all devices",intro:"Compile every configuration and install it over the air. Check what will run first.",request:{action:"install",all:!0}},validate:{title:"Validate all configurations",intro:"Check every configuration. Nothing is compiled or installed.",request:{action:"validate",all:!0}}},w=class extends g{constructor(){super(...arguments);this.narrow=!1;this._data=it;this._connected=!0;this._now=Date.now();this._cancelling=new Set;this._versions=ce;this._menuButtonDefined=!!customElements.get("ha-menu-button");this._onRollback=async e=>{let{configuration:i,buildId:s,note:n}=e.detail,o=await this._dialog.ask("rollback",i,n);o!==null&&await this._start("rollback",i,o,s)};this._onBatch=e=>{this._askBatch(Fi[e.detail])};this._onRetryBatch=e=>{this._askBatch({title:"Retry failed",intro:"Run again what failed or was cancelled in this batch.",request:{retry_failed:e.detail.batchId},includeOffline:e.detail.includeOffline})};this._openJob=e=>{T(B(this._prefix,e.detail))}}connectedCallback(){super.connectedCallback(),this.hass&&this._subscribe(),this._menuButtonDefined||customElements.whenDefined("ha-menu-button").then(()=>this._menuButtonDefined=!0)}disconnectedCallback(){super.disconnectedCallback(),this._unsubscribe()}willUpdate(e){e.has("hass")&&this.hass&&(this._feed&&this.hass.connection!==this._feed.conn&&this._unsubscribe(),!this._feed&&this.isConnected&&this._subscribe(),this.toggleAttribute("dark",!!this.hass.themes?.darkMode)),e.has("_data")&&this._tick()}_subscribe(){this._feed||(this._feed=new Re(this.hass.connection,e=>this._onFeed(e),this._data),this._connected=this._feed.connected)}_unsubscribe(){this._feed?.stop(),this._feed=void 0,this._clock&&clearInterval(this._clock),this._clock=void 0}_onFeed(e){if(this._connected=e.connected,e.data===this._data)return;this._data=e.data;let i=[...this._cancelling].filter(s=>{let n=e.data.jobs.find(o=>o.job_id===s);return n!==void 0&&x(n)});i.length&&(this._cancelling=new Set([...this._cancelling].filter(s=>!i.includes(s))))}_tick(){let e=rt(this._data.jobs)>0;e&&!this._clock?this._clock=setInterval(()=>this._now=Date.now(),1e3):!e&&this._clock&&(clearInterval(this._clock),this._clock=void 0,this._now=Date.now())}async _onAction(e){let{action:i,configuration:s}=e.detail,n;if(i==="install"||i==="logs"){let o=await this._dialog.ask(i,s);if(o===null)return;n=o}await this._start(i,s,n)}async _start(e,i,s,n){if(this.hass)try{let{job_id:o}=await We.startJob(this.hass.connection,e,i,s,n);T(B(this._prefix,o))}catch(o){j(this,`Could not start: ${y(o)}`)}}async _askBatch(e){if(!this.hass)return;let i=await this._batchDialog.open(this.hass.connection,e);i!==null&&T(X(this._prefix,i))}async _onCancel(e){let i=e.detail;if(!(!this.hass||this._cancelling.has(i))){this._cancelling=new Set([...this._cancelling,i]);try{await We.cancelJob(this.hass.connection,i)}catch(s){j(this,`Could not cancel: ${y(s)}`)}finally{let s=new Set(this._cancelling);s.delete(i),this._cancelling=s}}}get _prefix(){return Lt(this.route)}_renderMenuButton(){return this.narrow?this._menuButtonDefined?a`<ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>`:a`<button class="menu" aria-label="Sidebar"
      @click=${()=>this.dispatchEvent(new Event("hass-toggle-menu",{bubbles:!0,composed:!0}))}>
      <svg viewBox="0 0 24 24" aria-hidden="true"><path d="M3,6H21V8H3V6M3,11H21V13H3V11M3,16H21V18H3V16Z" /></svg>
    </button>`:c}render(){let e=Mt(this.route),{devices:i,jobs:s,batches:n,loaded:o}=this._data,p=rt(s),d=e.name==="devices"||e.name==="builds"?"devices":"jobs";return a`
      <header class="toolbar">
        <div class="bar">
          ${this._renderMenuButton()}
          <div class="title">ESPHome Builder</div>
        </div>
        <nav class="tabs" role="tablist">
          <a role="tab" href=${this._prefix} aria-selected=${d==="devices"} class=${d==="devices"?"active":""}
            @click=${P}>Devices</a>
          <a role="tab" href="${this._prefix}/jobs" aria-selected=${d==="jobs"} class=${d==="jobs"?"active":""}
            @click=${P}>Jobs${p?a`<span class="badge">${p}</span>`:c}</a>
        </nav>
      </header>
      ${this._connected?c:a`<div class="banner" role="status">Connection to Home Assistant lost. Reconnecting…</div>`}
      <main class=${e.name==="job"?"job":""}>
        ${e.name==="devices"?a`<esphome-builder-versions .hass=${this.hass} .jobs=${s}
                @eb-versions=${f=>this._versions=f.detail}
                @eb-open-job=${this._openJob}></esphome-builder-versions>
              <esphome-builder-devices
              .devices=${i}
              .versions=${this._versions}
              @eb-pin=${f=>{this._versionsBar?.pin(f.detail)}}
              .latest=${Zt(s)}
              .now=${this._now}
              .loading=${!o}
              @eb-action=${this._onAction}
              @eb-batch=${this._onBatch}
              @eb-open-job=${this._openJob}
              @eb-open-builds=${f=>T(Tt(this._prefix,f.detail))}
            ></esphome-builder-devices>`:e.name==="builds"?a`<esphome-builder-builds
                .hass=${this.hass}
                .configuration=${e.configuration}
                .base=${this._prefix}
                .device=${i.find(f=>f.configuration===e.configuration)}
                .jobs=${s}
                .revision=${Kt(this._data,e.configuration)}
                @eb-rollback=${this._onRollback}
                @eb-back=${()=>T(this._prefix)}
              ></esphome-builder-builds>`:e.name==="batch"?a`<esphome-builder-batch
                .hass=${this.hass}
                .batchId=${e.batchId}
                .base=${this._prefix}
                .live=${n.find(f=>f.batch_id===e.batchId)}
                .jobs=${s}
                .now=${this._now}
                @eb-retry-batch=${this._onRetryBatch}
                @eb-back=${()=>T(`${this._prefix}/jobs`)}
              ></esphome-builder-batch>`:e.name==="jobs"?a`<esphome-builder-batches .batches=${n} .base=${this._prefix}
                  .language=${this.hass?.language}></esphome-builder-batches>
                <esphome-builder-jobs
                .jobs=${s}
                .cancelling=${this._cancelling}
                .now=${this._now}
                .loading=${!o}
                .language=${this.hass?.language}
                @eb-open-job=${this._openJob}
                @eb-cancel-job=${this._onCancel}
              ></esphome-builder-jobs>`:a`<esphome-builder-job
                .hass=${this.hass}
                .jobId=${e.jobId}
                .job=${s.find(f=>f.job_id===e.jobId)}
                .narrow=${this.narrow}
                .now=${this._now}
                .cancelling=${this._cancelling.has(e.jobId)}
                ?dark=${!!this.hass?.themes?.darkMode}
                @eb-cancel-job=${this._onCancel}
                @eb-open-batch=${f=>T(X(this._prefix,f.detail))}
                @eb-back=${()=>T(`${this._prefix}/jobs`)}
              ></esphome-builder-job>`}
      </main>
      <esphome-builder-target-dialog></esphome-builder-target-dialog>
      <esphome-builder-batch-dialog></esphome-builder-batch-dialog>
    `}};w.styles=[_,Yt],l([h({attribute:!1})],w.prototype,"hass",2),l([h({type:Boolean,reflect:!0})],w.prototype,"narrow",2),l([h({attribute:!1})],w.prototype,"route",2),l([h({attribute:!1})],w.prototype,"panel",2),l([u()],w.prototype,"_data",2),l([u()],w.prototype,"_connected",2),l([u()],w.prototype,"_now",2),l([u()],w.prototype,"_cancelling",2),l([u()],w.prototype,"_versions",2),l([u()],w.prototype,"_menuButtonDefined",2),l([A("esphome-builder-target-dialog")],w.prototype,"_dialog",2),l([A("esphome-builder-batch-dialog")],w.prototype,"_batchDialog",2),l([A("esphome-builder-versions")],w.prototype,"_versionsBar",2);v("esphome-builder-panel",w);export{w as EsphomeBuilderPanel};
/*! Bundled license information:

@lit/reactive-element/css-tag.js:
  (**
   * @license
   * Copyright 2019 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/reactive-element.js:
lit-html/lit-html.js:
lit-element/lit-element.js:
@lit/reactive-element/decorators/custom-element.js:
@lit/reactive-element/decorators/property.js:
@lit/reactive-element/decorators/state.js:
@lit/reactive-element/decorators/event-options.js:
@lit/reactive-element/decorators/base.js:
@lit/reactive-element/decorators/query.js:
@lit/reactive-element/decorators/query-all.js:
@lit/reactive-element/decorators/query-async.js:
@lit/reactive-element/decorators/query-assigned-nodes.js:
  (**
   * @license
   * Copyright 2017 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

lit-html/is-server.js:
  (**
   * @license
   * Copyright 2022 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)

@lit/reactive-element/decorators/query-assigned-elements.js:
  (**
   * @license
   * Copyright 2021 Google LLC
   * SPDX-License-Identifier: BSD-3-Clause
   *)
*/
